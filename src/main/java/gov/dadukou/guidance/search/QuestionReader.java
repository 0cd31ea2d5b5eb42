package gov.dadukou.guidance.search;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a question the way a clerk would before looking anything up: real questions wrap one ask
 * ("能退吗", "该怎么办", "罚多少") in a story, so the clauses that ask are told apart from the narrative
 * around them; dates, amounts and masked names ("xx") are set aside because no entry can be about them;
 * and text that is not Chinese at all is recognised before it can look like a match. Stateless and
 * thread-safe.
 */
public final class QuestionReader {
    /** Words that make a clause an ask. A clause with none of them is narrative. */
    private static final Pattern ASK = Pattern.compile(
            "吗|嘛|么[?？]?$|呢|[?？]|怎么|怎样|咋|如何|能否|能不能|可不可以|可以不|行不行|是否|有没有|会不会|算不算|是不是|"
                    + "要不要|需不需要|用不用|该不该|合法|违法|合理|合规|侵权|犯法|多少|几天|多久|多长|哪些|哪里|哪个|什么|谁|"
                    + "应该|应当|维权|赔偿|处罚|罚款|办理");
    /** Clause boundaries: sentence and clause punctuation, spaces and line breaks. */
    private static final Pattern CLAUSE = Pattern.compile("[。！!？?；;，,、…\\s]+");
    /** Words that say nothing of the subject: a clause of only these and ask words is a bare ask. */
    private static final Pattern FILLER = Pattern.compile(
            "这种|那种|这个|那个|这样|那样|情况|请问|问下|问一下|想问|我们|我|你|他|她|该|办|要|的|了|啊|呀|吧|那|就|还|能|可以|会");
    /** Dates, times, amounts and masked names: specific to the story, never what an entry is about. */
    private static final Pattern SPECIFICS = Pattern.compile(
            "[0-9]+(\\.[0-9]+)?\\s*(年|月|日|号|点|时|分|元|块|万|千|百|岁|个月|天|周|小时|次|平方|平米|米|公里|斤|g|kg)?"
                    + "|[x×*＊]{2,}");

    /**
     * A business being opened or run: "开个药店", "开一家洗车店", "开了家火锅店". The phrase before the kind of place is
     * what tells one business from another.
     */
    private static final Pattern BUSINESS = Pattern.compile(
            "开(?:了|个|家|间|一家|一个|一间|了个|了家|了一家|了一个)?([^，,。！!？?；;、\\s个家间了的]{0,6}?"
                    + "(?:店|馆|厂|公司|摊|吧|房|院|所|站|班|机构|中心|工作室|超市|民宿|ktv))");

    /** Provincial-level names and large cities other than Chongqing, as one capturing group. */
    private static final String PLACES = "(北京|上海|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|"
            + "海南|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|台湾|香港|澳门|广州|深圳|成都|杭州|南京|武汉|西安|郑州|长沙|"
            + "苏州|东莞|佛山|青岛|厦门|宁波|合肥|昆明|贵阳|南宁|济南|沈阳|大连|哈尔滨|长春|石家庄|太原|南昌|福州|兰州|"
            + "乌鲁木齐|呼和浩特|银川|西宁|拉萨|海口|三亚|无锡|温州)";
    /**
     * A place other than Chongqing named as the owner of what is asked: "上海的垃圾分类", "北京的控烟条例",
     * "广州的社保政策", "深圳注册公司". Provincial-level names and large cities; a place one travels to or from
     * ("到成都的高铁") is not one.
     */
    private static final Pattern ELSEWHERE = Pattern.compile(
            "(?<![到去往从回])" + PLACES + "(?:市|省|地区)?(?:当地|本地|那边|这边)?"
                    + "(?:的|政策|规定|标准|条例|办法|注册|办理|申请|缴纳)");
    /**
     * A last clause that only names a place as the owner of what was asked ("产假是多少天啊，广东的"): it belongs to the
     * ask, not to the story.
     */
    private static final Pattern PLACE_TAG = Pattern.compile("^" + PLACES + "(?:市|省)?(?:那边|这边)?的$");

    private QuestionReader() {
    }

    /**
     * The place other than Chongqing whose rules or ways the asking clauses are about ("广州的灵活就业人员社保怎么交" →
     * "广州"), or null. Local rules, rates and procedures differ from place to place and the base states national law
     * and Chongqing's; a story that only happens elsewhere ("我在郑州一家医院上班…") names no such place in its ask.
     *
     * @param reading the question as read by {@link #read}
     */
    public static String placeElsewhere(Reading reading) {
        java.util.regex.Matcher m = ELSEWHERE.matcher(reading.ask());
        return m.find() ? m.group(1) : null;
    }

    /** Where a market is going (房价明年会跌吗, 股票还能涨吗, 哪个区房价最低): no rule answers that. */
    private static final Pattern FORECAST = Pattern.compile(
            "(房价|楼市|房子|股价|股票|股市|基金|金价|黄金|油价|汇率|比特币|币价)[^，,。？?！!；;\\s]{0,8}(还会|还能|会不会|会)"
                    + "(涨|跌|降|升值|贬值|回暖|反弹)(?!房租|租金|租|工资|薪)"
                    + "|(房价|股价|股市|楼市|金价|油价|汇率|币价)[^，,。？?！!；;\\s]{0,4}(走势|预测|行情)"
                    + "|(哪个区|哪里|哪儿|哪个地方)[^，,。？?！!；;\\s]{0,4}(房价|房子)[^，,。？?！!；;\\s]{0,2}(最低|最便宜|最高|最贵|便宜)");
    /** A hotel's room price is a pricing rule the base does answer ("国庆酒店房价会涨吗" asks whether it may). */
    private static final Pattern LODGING = Pattern.compile("酒店|宾馆|民宿|客房|旅馆|住宿");

    /**
     * Whether the question asks where a market price is going (houses, shares, gold): 房价 is also a hotel's room
     * price in the base, so "重庆的房价明年会跌吗" borrowed the holiday hotel-pricing entry. A question that names a hotel
     * or lodging is not such a question.
     */
    public static boolean asksMarketForecast(Reading reading) {
        return FORECAST.matcher(reading.text()).find() && !LODGING.matcher(reading.text()).find();
    }

    /**
     * The business the question names as being opened or run ("开个药店要办哪些证" → "药店"), or null when it names
     * none.
     *
     * @param normalized the question after {@link TextNormalizer#normalize}
     */
    public static String business(String normalized) {
        java.util.regex.Matcher m = BUSINESS.matcher(normalized);
        return m.find() ? m.group(1) : null;
    }

    /**
     * What was read from a question.
     *
     * @param text      the question with dates, amounts and masked names blanked out
     * @param ask       the clauses that ask (with the clause before a bare ask), or the whole text when no
     *                  clause does or when they all do
     * @param hanShare  Chinese characters among the question's letters, 0..1 (1 when it has no letters)
     * @param latin     whether the letters are mostly Latin (an English question, say)
     */
    public record Reading(String text, String ask, double hanShare, boolean latin) {
        /** Whether the ask is only part of the question, so the rest is narrative around it. */
        public boolean hasNarrative() {
            return !ask.equals(text);
        }

        /** Not written in Chinese: no entry can be a confident answer. */
        public boolean foreign() {
            return hanShare < 0.5;
        }
    }

    /** @param normalized the question after {@link TextNormalizer#normalize} */
    public static Reading read(String normalized) {
        String text = SPECIFICS.matcher(normalized).replaceAll(" ");
        int han = 0;
        int latin = 0;
        int letters = 0;
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            letters++;
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.HAN) {
                han++;
            } else if (script == Character.UnicodeScript.LATIN) {
                latin++;
            }
        }
        // Latin letters count by word, not by letter: "KTV", "4s店" and "app" are common in Chinese questions.
        double latinWeight = latin == 0 ? 0 : Math.max(1, latin / 4.0);
        double share = letters == 0 ? 1 : han / (han + latinWeight + (letters - han - latin));
        boolean mostlyLatin = latin > 0 && latinWeight > han;
        return new Reading(text, ask(text), share, mostlyLatin);
    }

    private static String ask(String text) {
        String[] clauses = CLAUSE.split(text.strip());
        if (clauses.length <= 1) {
            return text;
        }
        List<String> asks = new ArrayList<>();
        for (int i = 0; i < clauses.length; i++) {
            String clause = clauses[i];
            if (clause.isBlank() || !ASK.matcher(clause).find()) {
                continue;
            }
            if (bare(clause) && i > 0 && !asks.contains(clauses[i - 1])) {
                asks.add(clauses[i - 1]);
            }
            asks.add(clause);
        }
        String last = clauses[clauses.length - 1];
        if (!asks.isEmpty() && PLACE_TAG.matcher(last).matches()) {
            asks.add(last);
        }
        if (asks.isEmpty() || asks.size() == clauses.length) {
            return text;
        }
        return String.join("，", asks);
    }

    /** A bare ask ("怎么办", "这种情况合法吗") needs the clause before it to say what it is about. */
    private static boolean bare(String clause) {
        return FILLER.matcher(ASK.matcher(clause).replaceAll("")).replaceAll("").length() <= 2;
    }
}
