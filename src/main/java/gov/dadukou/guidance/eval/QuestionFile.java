package gov.dadukou.guidance.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question file as named on the command line: {@code PATH[#fit|#report][*WEIGHT]}. {@code #fit} keeps
 * the odd-numbered lines (1, 3, 5 …) and {@code #report} the even ones: the one fixed split of a labelled
 * set into a half the answer policy is fitted on and a half that is only reported. {@code *WEIGHT} counts
 * each question of the file that many times when fitting (eval ignores it). Immutable.
 *
 * @param path   the JSON-lines file
 * @param half   {@code null} for every line, else {@code "fit"} or {@code "report"}
 * @param weight how much each question counts when fitting
 * @param relabels new {@code entry} and {@code expect} by line number (see {@link #relabelledBy})
 */
public record QuestionFile(Path path, String half, double weight, Map<Integer, JsonNode> relabels) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SPEC = Pattern.compile("(.+?)(?:#(fit|report))?(?:\\*([0-9]+(?:\\.[0-9]+)?))?");

    /** One labelled line: its 1-based number in the file and its JSON. */
    public record Line(int number, JsonNode item) {
    }

    public static QuestionFile parse(String spec) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a question file: " + spec);
        }
        return new QuestionFile(Path.of(m.group(1)), m.group(2), m.group(3) == null ? 1 : Double.parseDouble(m.group(3)),
                Map.of());
    }

    public static QuestionFile of(Path path) {
        return new QuestionFile(path, null, 1, Map.of());
    }

    public QuestionFile {
        relabels = Map.copyOf(relabels);
    }

    /**
     * The same file with the lines a relabel file names given a new {@code entry} and {@code expect}: a
     * question once labelled {@code none} that an entry added later truly answers. A relabel file has
     * lines {@code {"file": NAME, "line": N, "entry": ID, "expect": [...]}}; those for other files are ignored.
     */
    public QuestionFile relabelledBy(Path relabelFile) {
        Map<Integer, JsonNode> map = new HashMap<>(relabels);
        for (Line line : QuestionFile.of(relabelFile).lines()) {
            if (line.item().path("file").asText().equals(path.getFileName().toString())) {
                map.put(line.item().path("line").asInt(), line.item());
            }
        }
        return new QuestionFile(path, half, weight, map);
    }

    /** What the report calls this file: its name and half. */
    public String label() {
        return path.getFileName() + (half == null ? "" : "#" + half);
    }

    /** The file's lines in this half, blank lines and {@code //} comments skipped. */
    public List<Line> lines() {
        List<String> raw;
        try {
            raw = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            int number = i + 1;
            String line = raw.get(i).strip();
            if (line.isEmpty() || line.startsWith("//") || !inHalf(number)) {
                continue;
            }
            try {
                JsonNode item = JSON.readTree(line);
                JsonNode relabel = relabels.get(number);
                if (relabel != null && item.isObject()) {
                    ((ObjectNode) item).set("entry", relabel.get("entry"));
                    ((ObjectNode) item).set("expect", relabel.get("expect"));
                }
                lines.add(new Line(number, item));
            } catch (IOException e) {
                throw new Evaluator.EvalFileException(path + ":" + number + " is not JSON", e);
            }
        }
        return lines;
    }

    private boolean inHalf(int number) {
        return half == null || (number % 2 == 1) == half.equals("fit");
    }
}
