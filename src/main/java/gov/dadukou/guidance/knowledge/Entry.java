package gov.dadukou.guidance.knowledge;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One curated, validated knowledge entry. Immutable and safe to share between threads.
 *
 * @param id          stable id, unique in the knowledge base
 * @param kind        the entry's kind
 * @param title       one-line title
 * @param questions   phrasings of the question as businesses ask it (at least one)
 * @param answer      the approved answer text
 * @param department  the implementing department's name
 * @param method      the guidance method, or {@code null} where none applies
 * @param legalBasis  the legal bases, at least one
 * @param url         source link (http or https), or {@code null}
 * @param reviewed    the date the entry was last reviewed
 * @param topics      topics from the topic list
 * @param verify      what staff must verify before publishing, or {@code null}
 * @param window      the yearly window of an enforcement reminder, or {@code null}
 * @param related     ids of entries to offer next (an overview's steps), possibly empty
 * @param sourceFile  the knowledge-base file the entry came from, relative to the base directory
 * @param conditions  the conditions of the no-penalty check ("我这种情况能不罚吗"), possibly empty
 * @param outcomes    the rules that turn answers to the conditions into an outcome; empty exactly when
 *                    {@code conditions} is
 */
public record Entry(
        String id,
        Kind kind,
        String title,
        List<String> questions,
        String answer,
        String department,
        Method method,
        List<LegalBasis> legalBasis,
        String url,
        LocalDate reviewed,
        List<String> topics,
        String verify,
        YearlyWindow window,
        List<String> related,
        String sourceFile,
        List<Condition> conditions,
        List<CheckRule> outcomes) {

    /** An entry without a no-penalty check (the shape every entry had before checks). */
    public Entry(String id, Kind kind, String title, List<String> questions, String answer, String department,
                 Method method, List<LegalBasis> legalBasis, String url, LocalDate reviewed, List<String> topics,
                 String verify, YearlyWindow window, List<String> related, String sourceFile) {
        this(id, kind, title, questions, answer, department, method, legalBasis, url, reviewed, topics, verify, window,
                related, sourceFile, List.of(), List.of());
    }

    public Entry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(reviewed, "reviewed");
        questions = List.copyOf(questions);
        legalBasis = List.copyOf(legalBasis);
        topics = List.copyOf(topics);
        related = related == null ? List.of() : List.copyOf(related);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    /** Whether a business can check its own situation against this entry's conditions. */
    public boolean hasCheck() {
        return !conditions.isEmpty();
    }

    /** The condition with this id, if the entry has it. */
    public Optional<Condition> condition(String conditionId) {
        return conditions.stream().filter(c -> c.id().equals(conditionId)).findFirst();
    }

    public Optional<Method> methodOpt() {
        return Optional.ofNullable(method);
    }

    public Optional<YearlyWindow> windowOpt() {
        return Optional.ofNullable(window);
    }

    /** Whether staff must verify a local detail of this entry before it is relied on. */
    public boolean needsVerification() {
        return verify != null;
    }

    /** The legal bases as one citation line: {@code 《A》第一条；《B》}. */
    public String legalBasisText() {
        return String.join("；", legalBasis.stream().map(LegalBasis::citation).toList());
    }
}
