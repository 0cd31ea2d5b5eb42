package gov.dadukou.guidance.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrites a normalized question into the words the entries use: colloquial terms and common typos
 * become the formal term ({@code 直照 => 营业执照}), from the staff-readable {@code synonyms.txt} of the
 * knowledge base; and knows the stop words that say nothing about a topic. Immutable, thread-safe.
 */
public final class QueryRewriter {
    private final List<Rule> rules;
    private final Set<String> stopwords;

    private record Rule(String from, String to) {
    }

    QueryRewriter(List<String[]> rules, Set<String> stopwords) {
        List<Rule> list = new ArrayList<>();
        for (String[] r : rules) {
            list.add(new Rule(TextNormalizer.normalize(r[0]), TextNormalizer.normalize(r[1])));
        }
        // Longest first, so that a specific phrase wins over a word inside it.
        list.sort(Comparator.comparingInt((Rule r) -> r.from.length()).reversed());
        this.rules = List.copyOf(list);
        this.stopwords = Set.copyOf(stopwords);
    }

    /**
     * Loads the synonym file ({@code colloquial => formal} or {@code a, b => formal} a line, {@code #}
     * comments) if it exists, and the bundled stop words.
     *
     * @throws IllegalArgumentException naming the line of a malformed rule
     */
    public static QueryRewriter load(Path synonymsFile) {
        List<String[]> rules = new ArrayList<>();
        if (synonymsFile != null && Files.isRegularFile(synonymsFile)) {
            try {
                List<String> lines = Files.readAllLines(synonymsFile, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    String[] parts = line.split("=>");
                    if (parts.length != 2 || parts[1].isBlank()) {
                        throw new IllegalArgumentException(synonymsFile.getFileName() + " 第" + (i + 1)
                                + "行格式应为“口语词, 口语词 => 规范词”：" + line);
                    }
                    for (String from : parts[0].split("[,，]")) {
                        if (!from.isBlank()) {
                            rules.add(new String[] {from.strip(), parts[1].strip()});
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + synonymsFile, e);
            }
        }
        return new QueryRewriter(rules, bundledStopwords());
    }

    /** The rules as text, one {@code from=>to} a line, longest first: part of what an index was built with. */
    String rulesText() {
        StringBuilder sb = new StringBuilder();
        rules.forEach(r -> sb.append(r.from).append("=>").append(r.to).append('\n'));
        return sb.toString();
    }

    /** Applies the rules to normalized text; a rule is skipped where the formal term is already there. */
    public String rewrite(String normalized) {
        String text = normalized;
        for (Rule rule : rules) {
            if (text.contains(rule.from) && !text.contains(rule.to)) {
                text = text.replace(rule.from, rule.to);
            }
        }
        return text;
    }

    public boolean isStopword(String token) {
        return stopwords.contains(token);
    }

    private static Set<String> bundledStopwords() {
        Set<String> words = new HashSet<>();
        try (InputStream in = QueryRewriter.class.getResourceAsStream("/search/stopwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("stopwords.txt missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    words.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled stop words", e);
        }
        return words;
    }
}
