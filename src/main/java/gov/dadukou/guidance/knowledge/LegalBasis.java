package gov.dadukou.guidance.knowledge;

import java.util.Objects;

/**
 * One legal basis of an entry: a law's name (without 《》) and, where the curator was sure, an article.
 *
 * @param law     the law or regulation's name, never blank
 * @param article the article such as {@code 第三十三条}, or {@code null} when not given
 */
public record LegalBasis(String law, String article) {
    public LegalBasis {
        Objects.requireNonNull(law, "law");
    }

    /** How the basis is cited to a business: {@code 《行政处罚法》第三十三条}. */
    public String citation() {
        return "《" + law + "》" + (article == null ? "" : article);
    }
}
