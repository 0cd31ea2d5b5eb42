package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.check.CheckOffer;
import gov.dadukou.guidance.knowledge.Department;
import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.EntryStore;
import gov.dadukou.guidance.knowledge.Kind;
import gov.dadukou.guidance.search.QuestionReader;
import gov.dadukou.guidance.search.Retriever;
import gov.dadukou.guidance.search.SearchHit;
import gov.dadukou.guidance.search.SearchResult;
import gov.dadukou.guidance.search.TextNormalizer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Answers one question from the live entries, or says honestly that it cannot. Understands a follow-up
 * ("那罚多少？") in the context of the session's previous turn. Never composes text beyond fixed,
 * reviewed sentences. Thread-safe.
 */
public final class ChatService {
    public static final int MAX_QUESTION_LENGTH = 500;
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Openings and endings that make a question lean on the previous turn. */
    private static final Pattern FOLLOW_UP = Pattern.compile(
            "^(那么?|那要是|那如果|如果|要是|假如|还有|另外|然后|那我|那像|像)|呢[？?。.!！]*$");
    private static final int MAX_CONTEXT = 200;
    /** Next questions under an answer: a few, since the answer itself is the reply. */
    private static final int NEXT_QUESTIONS = 3;
    /**
     * Entries offered when the assistant is not sure (did-you-mean, or nearby reading under "not sure"): a story
     * often touches several entries and the right one is as often fourth or fifth as first among the rest, so
     * up to five are listed (on the fitting half of real-dev, answered-or-offered 0.721 with three, 0.754 with five;
     * the short-question sets do not move). docs/retrieval.md.
     */
    static final int OFFERS = 5;
    /** The label every illustrative case carries wherever it is shown (issue: honest case labels). */
    public static final String CASE_LABEL = "（说明性案例）";
    /** How much better a neighbouring entry must cover a follow-up's own words to take the lead. */
    static final double OWN_COVERAGE_LEAD = 0.2;
    /** "最近要注意什么": a time word, then what to watch for. Answered with the reminders in season. */
    private static final Pattern IN_SEASON = Pattern.compile(
            "(最近|近期|这段时间|这阵子|这几天|眼下|当前|目前|现在|这个月|本月|近来|这个季节|节前|马上)[^，,。？?]{0,8}(注意|提醒|提示|检查|重点|执法|风险)");

    /**
     * "最近要注意什么", "我开饭馆的，这段时间执法检查重点是什么": the last clause asks what is in season. A story that
     * only mentions a coming inspection before asking something else ("最近应急局说要来检查，我要准备哪些资料") is
     * searched like any question.
     */
    static boolean asksWhatIsInSeason(String question) {
        String text = TextNormalizer.normalize(question).replaceAll("[\\s，,。；;！!？?、]+$", "");
        // People typing on a phone often put spaces where commas go ("最近街道来检查 说要装报警器 这个是强制的吗"), so a
        // space ends a clause too; a bare time word before a space ("最近 要注意什么") belongs to the clause after it.
        String[] clauses = text.split("[，,。；;！!？?\\s]+"); // never empty: "" splits to [""]
        String last = clauses[clauses.length - 1];
        if (clauses.length > 1 && clauses[clauses.length - 2].length() <= 4) {
            last = clauses[clauses.length - 2] + last;
        }
        return IN_SEASON.matcher(last).find();
    }

    /** The reminders in season today, for "最近要注意什么"; empty when none. */
    public interface Season {
        List<Entry> inSeason();

        String today();

        /** From two functions, e.g. the reminder service's entries in season and its date. */
        static Season of(java.util.function.Supplier<List<Entry>> inSeason, java.util.function.Supplier<String> today) {
            return new Season() {
                @Override
                public List<Entry> inSeason() {
                    return inSeason.get();
                }

                @Override
                public String today() {
                    return today.get();
                }
            };
        }
    }

    private final EntryStore entries;
    private final Retriever retriever;
    private final AnswerPolicy policy;
    private final SessionStore sessions;
    private final Season season;
    private volatile java.util.function.BiConsumer<String, ChatReply> listener = (q, r) -> { };

    /** Told of every question and its reply (greetings aside): the question log for staff. */
    public void onAnswered(java.util.function.BiConsumer<String, ChatReply> listener) {
        this.listener = listener;
    }

    public ChatService(EntryStore entries, Retriever retriever, AnswerPolicy policy, SessionStore sessions, Season season) {
        this.entries = entries;
        this.retriever = retriever;
        this.policy = policy;
        this.sessions = sessions;
        this.season = season;
    }

    /**
     * @param question  the business's question, 1..500 characters after trimming
     * @param sessionId optional; generated when null
     * @throws ClientException when the question or session id is unusable
     */
    public ChatReply ask(String question, String sessionId) {
        String q = visible(question);
        ChatReply reply = answer(q, sessionId);
        if (!"greeting".equals(reply.outcome())) {
            reply = reply.withQuestionId(UUID.randomUUID().toString().replace("-", ""));
            listener.accept(q, reply);
        }
        return reply;
    }

    /**
     * The question as a person sees it: NFKC (a no-break space becomes a space), control and format
     * characters (NUL, ESC, DEL, zero-width space, BOM, soft hyphen, bidi overrides) become spaces, and
     * the ends are stripped. A question made only of such characters is empty.
     */
    static String visible(String question) {
        if (question == null) {
            return "";
        }
        String nfkc = java.text.Normalizer.normalize(question, java.text.Normalizer.Form.NFKC);
        StringBuilder sb = new StringBuilder(nfkc.length());
        nfkc.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean invisible = type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE || type == Character.SURROGATE;
            sb.appendCodePoint(invisible ? ' ' : cp);
        });
        return sb.toString().strip();
    }

    private ChatReply answer(String q, String sessionId) {
        if (q.isEmpty()) {
            throw ClientException.badRequest("missing_question", "请输入您要咨询的问题。");
        }
        if (q.codePointCount(0, q.length()) > MAX_QUESTION_LENGTH) {
            throw ClientException.badRequest("question_too_long", "问题太长了，请控制在" + MAX_QUESTION_LENGTH + "字以内。");
        }
        if (sessionId != null && !SESSION_ID.matcher(sessionId).matches()) {
            throw ClientException.badRequest("invalid_session_id", "会话编号格式不正确，请刷新页面后重试。");
        }
        String sid = sessionId != null ? sessionId : UUID.randomUUID().toString();
        Optional<SmallTalk.Reply> talk = SmallTalk.reply(q);
        if (talk.isPresent()) {
            return new ChatReply(talk.get().text(), false, talk.get().outcome(), List.of(), List.of(), sid, 0);
        }

        if (asksWhatIsInSeason(q)) {
            List<Entry> inSeason = season.inSeason();
            if (!inSeason.isEmpty()) {
                return new ChatReply(AnswerComposer.inSeason(season.today(), inSeason), true, AnswerPolicy.Outcome.ANSWER.json(),
                        inSeason.stream().map(Source::of).toList(),
                        inSeason.stream().limit(3).map(ChatService::offer).toList(), sid, 1.0);
            }
        }
        boolean followUp = isFollowUp(q);
        // Only a follow-up uses the previous turn: other questions spare the store a read (a database round trip
        // with PostgreSQL).
        Optional<SessionStore.Turn> previous = followUp ? sessions.last(sid) : Optional.empty();
        // A question refused on its reading alone skips the index and the dense model: same reply, less work.
        SearchResult result = retriever.search(q, null, AnswerPolicy::refusedOnReading);
        AnswerPolicy.Decision decision = policy.decide(result);
        String remembered = q;
        if (previous.isEmpty() && followUp && decision.outcome() == AnswerPolicy.Outcome.ANSWER && result.contentWords().size() <= 2) {
            // "那不挂会怎么样" with nothing before it: a guess at the topic is offered, not asserted.
            decision = new AnswerPolicy.Decision(AnswerPolicy.Outcome.CLARIFY, decision.confidence());
        }
        if (previous.isPresent() && followUp) {
            SearchResult withContext = retriever.search(q, previous.get().question(), AnswerPolicy::refusedOnReading);
            AnswerPolicy.Decision contextual = policy.decide(withContext);
            boolean standsAlone = decision.outcome() == AnswerPolicy.Outcome.ANSWER
                    && decision.confidence() >= contextual.confidence();
            if (!standsAlone) {
                result = movedOn(withContext, previous.get().entryId());
                decision = policy.decide(result);
                remembered = truncate(previous.get().question() + " " + q);
            }
        }
        return reply(result, decision, sid, remembered);
    }

    private ChatReply reply(SearchResult result, AnswerPolicy.Decision decision, String sid, String remembered) {
        boolean read = !AnswerPolicy.decidedWithoutModel(result);
        String elsewhere = read ? QuestionReader.placeElsewhere(result.reading()) : null;
        if (elsewhere != null) {
            // "北京的控烟条例怎么规定": Chongqing's rule or the national one would answer a question that was not asked.
            List<String> nearby = nearby(result, decision);
            return new ChatReply(AnswerComposer.elsewhere(elsewhere, nearby), false, AnswerPolicy.Outcome.NONE.json(),
                    List.of(), nearby, sid, decision.confidence());
        }
        if (read && QuestionReader.asksMarketForecast(result.reading())) {
            // "重庆的房价明年会跌吗": no rule says where a market goes; 房价 would borrow the hotel-pricing entry.
            return new ChatReply(AnswerComposer.FORECAST, false, AnswerPolicy.Outcome.NONE.json(), List.of(), List.of(), sid,
                    decision.confidence());
        }
        Optional<Entry> referral = decision.outcome() == AnswerPolicy.Outcome.NONE ? Optional.empty() : referral(result);
        if (referral.isPresent()) {
            // The question is most like one the assistant does not answer (a landlord's deposit): say where it goes,
            // never matched, and offer the guidance entries that might still be meant.
            List<String> others = suggestions(result, 0, Set.of(referral.get().id()), policy.clarifyThreshold(), NEXT_QUESTIONS);
            return new ChatReply(AnswerComposer.referral(referral.get(), others), false, AnswerPolicy.Outcome.NONE.json(),
                    List.of(Source.of(referral.get())), others, sid, decision.confidence());
        }
        switch (decision.outcome()) {
            case ANSWER -> {
                Entry entry = entries.get(result.hits().get(0).entryId()).orElse(null);
                if (entry == null) {
                    break; // retired while we searched: fall through to "no answer"
                }
                sessions.remember(sid, remembered, entry.id());
                String contact = entries.department(entry.department()).map(Department::contact).orElse(null);
                List<String> next = entry.related().isEmpty() ? suggestions(result, 1, Set.of(entry.id()), policy.clarifyThreshold(), NEXT_QUESTIONS)
                        : related(entry);
                return new ChatReply(AnswerComposer.answer(entry, contact), true, decision.outcome().json(),
                        List.of(Source.of(entry)), next, sid, decision.confidence(), CheckOffer.of(entry));
            }
            case CLARIFY -> {
                // The best candidate passed the clarify threshold; its neighbours are offered beside it more
                // readily, since a story often touches two or three entries and the business picks.
                List<String> candidates = suggestions(result, 0, Set.of(), policy.clarifyThreshold() / 2, OFFERS);
                if (!candidates.isEmpty()) {
                    return new ChatReply(AnswerComposer.clarify(candidates, result.reading().hasNarrative()), false,
                            decision.outcome().json(),
                            List.of(), candidates, sid, decision.confidence());
                }
            }
            case NONE -> {
                // Not sure enough even to ask "did you mean": the honest "not sure" stands, and the nearest
                // entries are listed under it as related reading, so a story whose words are far from the
                // entry's still reaches it in a click. Refused-before-the-model questions have confidence 0.
                List<String> nearby = nearby(result, decision);
                if (!nearby.isEmpty()) {
                    return new ChatReply(AnswerComposer.noneWithNearby(nearby), false,
                            AnswerPolicy.Outcome.NONE.json(), List.of(), nearby, sid, decision.confidence());
                }
            }
        }
        return new ChatReply(result.reading().latin() ? AnswerComposer.notChinese() : AnswerComposer.none(), false,
                AnswerPolicy.Outcome.NONE.json(), List.of(), List.of(), sid, decision.confidence());
    }

    /**
     * The nearest entries listed as reading under a reply that answers nothing ("not sure", another place's rules):
     * none below {@link AnswerPolicy#NEARBY_FLOOR}, else up to {@link #OFFERS} at or above half that floor.
     */
    private List<String> nearby(SearchResult result, AnswerPolicy.Decision decision) {
        return decision.confidence() >= AnswerPolicy.NEARBY_FLOOR
                ? suggestions(result, 0, Set.of(), AnswerPolicy.NEARBY_FLOOR / 2, OFFERS) : List.of();
    }

    /**
     * The referral the question is about, if any: the first candidate when it is one, or a referral among the next
     * two that the policy finds at least as likely as the first ("朋友借钱不还怎么去法院告他" is as much the private
     * disputes' referral as the entry on suing over a fine). Answering is then withheld, never a referral asserted.
     */
    private Optional<Entry> referral(SearchResult result) {
        int n = Math.min(REFERRAL_CANDIDATES, result.hits().size());
        double[] confidence = new double[n];
        List<Optional<Entry>> candidates = new ArrayList<>(n);
        boolean[] isReferral = new boolean[n];
        for (int i = 0; i < n; i++) {
            confidence[i] = policy.confidence(result, i);
            candidates.add(entries.get(result.hits().get(i).entryId()));
            // A referral about another subject ("医保卡丢了" against the ID card's) points the wrong way: not given.
            isReferral[i] = candidates.get(i).map(e -> !e.kind().answers()).orElse(false)
                    && !result.hits().get(i).otherSubject();
        }
        int at = referralAt(confidence, isReferral);
        return at < 0 ? Optional.empty() : candidates.get(at);
    }

    /** How many of the first candidates a referral may come from. */
    static final int REFERRAL_CANDIDATES = 3;

    /**
     * How much less likely than the first candidate a referral among the next two may be and still be given: a referral
     * about as likely as the best entry means the question may well be outside the guidance, so the entry is offered
     * beside the referral rather than asserted. Without the margin, a change of the base's word statistics in the
     * third decimal flipped "车被刮了找不到人怎么办" between the traffic-accident referral and a confident answer from
     * the entry on a car-wash scratching a car (both at 0.80).
     */
    static final double REFERRAL_MARGIN = 0.05;

    /**
     * Which candidate's referral a reply gives: the first when it is a referral, else the first of the others (up to
     * {@link #REFERRAL_CANDIDATES}) that is a referral at most {@link #REFERRAL_MARGIN} less likely than the first
     * candidate; -1 for none.
     */
    static int referralAt(double[] confidence, boolean[] isReferral) {
        for (int i = 0; i < confidence.length; i++) {
            if (isReferral[i] && (i == 0 || confidence[i] >= confidence[0] - REFERRAL_MARGIN)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The entries the chat would point to for {@code question}, best first: at most {@code max}, each at or above
     * half the clarify threshold (the floor at which a did-you-mean reply offers a candidate beside the best);
     * none for a question refused before the model is asked. For routing a message where the chat would have
     * pointed (留言咨询).
     */
    public List<Entry> pointsTo(String question, int max) {
        SearchResult result = retriever.search(question, null, AnswerPolicy::refusedOnReading);
        if (AnswerPolicy.decidedWithoutModel(result)) {
            return List.of();
        }
        List<Entry> out = new java.util.ArrayList<>();
        for (int i = 0; i < result.hits().size() && out.size() < max; i++) {
            if (policy.confidence(result, i) >= policy.clarifyThreshold() / 2) {
                entries.get(result.hits().get(i).entryId()).ifPresent(out::add);
            }
        }
        return out;
    }

    /** An overview's steps, in the order the entry lists them, each offered as a question. */
    private List<String> related(Entry entry) {
        return entry.related().stream().map(entries::get).flatMap(Optional::stream).map(ChatService::offer).toList();
    }

    /**
     * How an entry is offered as a next question: its first phrasing, which asks for exactly that entry;
     * an illustrative case says so wherever it is listed.
     */
    public static String offer(Entry entry) {
        String question = entry.questions().get(0);
        return entry.kind() == Kind.TYPICAL_CASE && !question.startsWith(CASE_LABEL)
                ? CASE_LABEL + question : question;
    }

    /**
     * Up to {@code max} close entries, each offered as its first phrasing (which asks for exactly that entry), in the
     * ranking's order. The first three need {@code floor}; a fourth or fifth must be as likely as a did-you-mean
     * itself (the clarify threshold), so that a long list is not padded with far entries, and a likelier candidate
     * further down the ranking takes the place of a weak one.
     */
    private List<String> suggestions(SearchResult result, int from, Set<String> exclude, double floor, int max) {
        Set<String> out = new LinkedHashSet<>();
        List<SearchHit> hits = result.hits();
        for (int i = from; i < hits.size() && out.size() < max; i++) {
            SearchHit hit = hits.get(i);
            double needed = out.size() < NEXT_QUESTIONS ? floor : Math.max(floor, policy.clarifyThreshold());
            if (exclude.contains(hit.entryId()) || policy.confidence(result, i) < needed) {
                continue;
            }
            // A referral is never offered as a question to pick: it answers nothing.
            entries.get(hit.entryId()).filter(e -> e.kind().answers()).map(ChatService::offer).ifPresent(out::add);
        }
        return new ArrayList<>(out);
    }

    /**
     * A follow-up usually asks about something next to the previous answer ("要是超过一个月还没签呢" after
     * "多久要签合同"): the previous turn's words pull the previous entry up, so when another candidate
     * covers the follow-up's own words clearly better, it goes first.
     */
    static SearchResult movedOn(SearchResult contextual, String previousEntry) {
        List<SearchHit> hits = contextual.hits();
        if (hits.size() < 2 || previousEntry == null || !hits.get(0).entryId().equals(previousEntry)) {
            return contextual;
        }
        SearchHit same = hits.get(0);
        for (int i = 1; i < Math.min(4, hits.size()); i++) {
            SearchHit other = hits.get(i);
            if (other.ownCoverage() >= same.ownCoverage() + OWN_COVERAGE_LEAD && other.score() >= same.score() * 0.6) {
                List<SearchHit> reordered = new ArrayList<>(hits);
                reordered.remove(i);
                reordered.add(0, other);
                return new SearchResult(contextual.query(), contextual.contentWords(), reordered, contextual.reading(),
                        contextual.knownShare());
            }
        }
        return contextual;
    }

    static boolean isFollowUp(String question) {
        String bare = question.replaceAll("[\\p{P}\\s]", "");
        return FOLLOW_UP.matcher(question).find() || bare.length() <= 4;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_CONTEXT ? text : text.substring(text.length() - MAX_CONTEXT);
    }
}
