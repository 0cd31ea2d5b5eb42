package gov.dadukou.guidance.messages;

import java.util.List;

/**
 * A message as its author sees it through the token ({@code GET /api/messages/{ticket}}): the status, the promised
 * date, and once replied the reply with its legal basis, department and date; the rating once given. Personal data in
 * the question is masked (the link may be forwarded); the contact itself is never shown, only whether one is kept.
 * Times as ISO instants and as Beijing-time text ("2026年12月2日 08:34"). Immutable.
 */
public record MessageView(String ticket, String status, String statusLabel, String question, String companyName, String topic,
                          String department, String receivedAt, String receivedAtText, String dueDate, String dueDateText,
                          Reply reply, Rating rating, boolean contactKept, boolean contactErased, String withdrawnAt,
                          String withdrawnAtText) {

    /** One legal basis, as entries carry it: the law without 《》, the article or null, and the citation. */
    public record Basis(String law, String article, String citation) {
        public static Basis of(String law, String article) {
            String l = law.strip().replace("《", "").replace("》", "");
            String a = article == null || article.isBlank() ? null : article.strip();
            return new Basis(l, a, "《" + l + "》" + (a == null ? "" : a));
        }
    }

    public record Reply(String text, List<Basis> legalBasis, String department, String repliedAt, String repliedAtText) {
        public Reply {
            legalBasis = List.copyOf(legalBasis);
        }
    }

    public record Rating(String rating, String reason, String ratedAt, String ratedAtText) {
    }
}
