package gov.dadukou.guidance.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * The wording rule of the no-penalty check: its texts explain what the law says and that the enforcing
 * department decides; they never promise a business that it will not be punished. Applied to every
 * condition and outcome text when an entry is loaded or edited, and by the tests to the fixed texts in
 * code. Stateless.
 */
public final class CheckWording {
    /** Phrases that would turn guidance into a promise. "免予处罚" (a statute's words) is not among them. */
    public static final List<String> PROMISES = List.of("不会被罚", "不会罚", "不会被处罚", "不会受到处罚", "不会处罚",
            "一定不罚", "一定不会", "一定不予", "肯定不", "绝对不", "保证", "放心", "不用担心", "没事");

    private CheckWording() {
    }

    /** The first promising phrase in the text, if any. */
    public static Optional<String> promise(String text) {
        return PROMISES.stream().filter(text::contains).findFirst();
    }

    /** The article's number as cited in running text: "第三十三条第一款" → "第三十三条". */
    public static String articleNumber(String article) {
        int end = article.indexOf('条');
        return end < 0 ? article : article.substring(0, end + 1);
    }
}
