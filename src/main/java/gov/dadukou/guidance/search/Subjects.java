package gov.dadukou.guidance.search;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a question is about, read before its candidates are weighed, for the one judgement words cannot make: that an
 * entry reading almost like the question is about another subject. Four kinds are read: the business opened or run
 * ("开个药店…" against the convenience store's overview), a document lost or to be replaced ("医保卡丢了" against
 * replacing a business licence), a person's own civil procedure ("结婚登记要带什么材料" against registering a
 * business) and parties an entry's title names (minors, road traffic) that the question does not. A candidate about
 * another subject may be offered, never asserted ({@code AnswerPolicy}). Immutable and thread-safe; the patterns are
 * shared, matchers local.
 */
final class Subjects {
    /** Words that say something is lost, damaged or to be replaced. */
    private static final String LOSS = "丢|遗失|掉了|不见|找不到|损坏|坏了|烧坏|烧了|烧毁|撕坏|撕了|补办|补领|补发|挂失";
    private static final Pattern LOSS_WORD = Pattern.compile(LOSS);
    /** Characters a document's name never holds: they end the words before it ("我的身份证", "店里营业执照"). */
    private static final String NOT_IN_NAME = "[^\\s，,。！!？?；;、的了我你他她把将被在是里上和与及跟]";
    /**
     * Documents by name: a closed list (a bare "…卡" or "…照" is as often a prepaid card, a punch card or a photo),
     * licences and certificates with the words that tell them apart ("食品经营许可证" is not "烟草专卖零售许可证").
     */
    private static final String DOCUMENT = "(?:" + NOT_IN_NAME + "{0,6}?(?:许可证|登记证|合格证))|营业执照|营业直照|执照"
            + "|身份证|健康证明|健康证|医保卡|社保卡|银行卡|驾驶证|驾照|行驶证|户口本|户口簿|发票|公章|印章|结婚证|护照"
            + "|毕业证|资格证|房产证|居住证|出生证明";
    /** "身份证丢了", "营业执照正本不小心弄丢了": the document, then within five characters the loss. */
    private static final Pattern DOCUMENT_LOST = Pattern.compile(
            "(" + DOCUMENT + ")(?:原件|正本|副本|正副本)?[^\\s，,。！!？?；;、]{0,5}?(?:" + LOSS + ")");
    /** "丢了营业执照", "遗失了我的身份证": the loss, then the document. */
    private static final Pattern LOST_DOCUMENT = Pattern.compile(
            "(?:丢|遗失|丢失|弄丢|掉)了?(?:我的|一张|一个|店里的|公司的)?(" + DOCUMENT + ")");
    /**
     * A person's own civil procedures (procedures, not bare words: a hotel registers a guest's passport, a business
     * registration may ask for a household register), which no business entry is about unless it says so.
     */
    private static final Pattern PERSONAL = Pattern.compile(
            "结婚登记|婚姻登记|结婚证|离婚|彩礼|户口迁|迁户口|落户|公积金提取|提取公积金|取公积金|公积金贷款"
                    + "|办护照|护照办理|办签证|签证办理|遗产|抚养费|收养|出生证明");

    /**
     * Who or what an entry is about, as its title says, that a question must name too, however alike the rest: young
     * people (selling to minors, minors in internet cafés, children's personal information; "商场买的金项链含金量不够"
     * against a minor buying a gold necklace), and road traffic (accidents, fines and points; "打架把人打成轻伤" against
     * the traffic-accident referral). Ages are read before the reading strips numbers ("13岁").
     */
    private record Party(Pattern title, Pattern question) {
    }

    private static final List<Party> PARTIES = List.of(
            new Party(Pattern.compile("未成年|周岁孩子|不满十周岁"), Pattern.compile(
                    "成年|年轻|孩子|小孩|娃|学生|学校|校园|校门|初中|高中|小学|中学|儿童|少年|小朋友|童工|家长|监护人|岁|未满|不满")),
            new Party(Pattern.compile("^(道路交通|交通违法)"), Pattern.compile(
                    "车|驾|撞|追尾|剐|蹭|交警|交通|红灯|违章|违停|肇事|逃逸|行人|马路|路口|高速|公路|摩托|司机|骑")));

    private final String business;
    /** Whether the question names each of {@link #PARTIES}, in order. */
    private final boolean[] namesParty;
    private final boolean aboutLoss;
    private final List<String> lostDocuments;
    private final String text;
    private final List<String> personal;

    /**
     * @param reading the question as read ({@link QuestionReader#read})
     * @param context the previous turn's text, normalized, or null: a follow-up ("那补办要多久") is about what the
     *                turn before it lost
     */
    Subjects(QuestionReader.Reading reading, String context) {
        this(reading, context, reading.text());
    }

    /**
     * @param question the question as normalized, before the reading strips its specifics: an age ("13岁") names a young
     *                 person although it is no word an entry is about
     */
    Subjects(QuestionReader.Reading reading, String context, String question) {
        this.business = QuestionReader.business(reading.text());
        this.text = context == null ? reading.text() : context + "，" + reading.text();
        this.aboutLoss = LOSS_WORD.matcher(text).find();
        this.namesParty = new boolean[PARTIES.size()];
        for (int i = 0; i < namesParty.length; i++) {
            Pattern named = PARTIES.get(i).question();
            namesParty[i] = named.matcher(text).find() || named.matcher(question).find();
        }
        this.lostDocuments = aboutLoss ? namedLost(text) : List.of();
        this.personal = PERSONAL.matcher(reading.ask()).results().map(m -> m.group()).distinct().toList();
    }

    /**
     * The documents a text says are lost, damaged or to be replaced, in order of their loss ("今天把身份证和银行卡一起
     * 掉了" → [银行卡] — "身份证和银行卡" is two names; "丢了营业执照怎么办" → [营业执照]); empty when it names none.
     *
     * @param normalized the text after {@link TextNormalizer#normalize}
     */
    static List<String> lostDocuments(String normalized) {
        return LOSS_WORD.matcher(normalized).find() ? namedLost(normalized) : List.of();
    }

    /** {@link #lostDocuments} once a loss word is known to be there. */
    private static List<String> namedLost(String normalized) {
        return java.util.stream.Stream.concat(DOCUMENT_LOST.matcher(normalized).results(), LOST_DOCUMENT.matcher(normalized).results())
                .map(m -> m.group(1)).distinct().toList();
    }

    /** The personal procedures the question's ask names ("结婚登记要带什么材料" → [结婚登记]). */
    List<String> personal() {
        return personal;
    }

    /** Whether the candidate is about another subject than the question (see the class comment). */
    boolean otherThan(EntryIndex.Vocabulary entry) {
        boolean otherBusiness = entry.overview() && !entry.generalOverview() && business != null && !mentionsBusiness(entry);
        boolean otherDocument = aboutLoss && otherLostDocument(entry);
        boolean otherPersonal = !personal.isEmpty() && personal.stream().noneMatch(w -> mentionsAnywhere(entry, w));
        return otherBusiness || otherDocument || otherPersonal || otherParty(entry);
    }

    /** The entry's title names one of {@link #PARTIES} that the question does not. */
    private boolean otherParty(EntryIndex.Vocabulary entry) {
        String title = title(entry);
        for (int i = 0; i < namesParty.length; i++) {
            if (!namesParty[i] && PARTIES.get(i).title().matcher(title).find()) {
                return true;
            }
        }
        return false;
    }

    /** The entry's title: the last of its phrasings ({@code EntryAnalysis.phrasings}). */
    private static String title(EntryIndex.Vocabulary entry) {
        return entry.phrasings().get(entry.phrasings().size() - 1);
    }

    /**
     * Whether an entry's phrasings (its title among them) name the business: the phrase itself, or without a
     * leading 小 ("小超市" in "开便利店、小超市…" and "超市" alike).
     */
    private boolean mentionsBusiness(EntryIndex.Vocabulary entry) {
        String core = business.length() > 2 && business.startsWith("小") ? business.substring(1) : business;
        return entry.phrasings().stream().anyMatch(p -> p.contains(core));
    }

    /**
     * The question names a lost document that none of the entry's phrasings asks about losing (naming it is not enough:
     * a case about working without a health certificate says nothing of replacing one); or the entry is about
     * replacing documents and the question names none of them anywhere ("手机丢了咋个挂失号码" against replacing a
     * licence). Names match when one holds the other ("执照" and "营业执照").
     */
    private boolean otherLostDocument(EntryIndex.Vocabulary entry) {
        List<String> named = entry.lostDocuments();
        if (lostDocuments.isEmpty()) {
            return !named.isEmpty() && named.stream().noneMatch(text::contains);
        }
        return lostDocuments.stream().noneMatch(d -> named.stream().anyMatch(n -> n.contains(d) || d.contains(n)));
    }

    /** Whether every bigram of {@code word} occurs somewhere in the entry (its phrasings, title or answer). */
    private static boolean mentionsAnywhere(EntryIndex.Vocabulary entry, String word) {
        for (int i = 0; i + 2 <= word.length(); i++) {
            if (!entry.bigrams().contains(word.substring(i, i + 2))) {
                return false;
            }
        }
        return true;
    }
}
