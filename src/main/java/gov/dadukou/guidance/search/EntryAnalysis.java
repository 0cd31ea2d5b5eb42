package gov.dadukou.guidance.search;

import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.Kind;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an entry into its Lucene documents and its coverage vocabulary with one analysis of each text: the
 * documents receive the very tokens the vocabulary is made of. Analysing every text a second time for the
 * vocabulary took as long as building the documents and was a third of a start-up's indexing (issue #18).
 * Thread-safe: entries may be prepared on several threads at once (the analyzers reuse per-thread components).
 */
final class EntryAnalysis {
    /**
     * An entry ready for the writer: its documents (single-use token streams), one per phrasing and one for the title
     * and answer, and its vocabulary.
     */
    record Prepared(String id, List<Document> phrasingDocuments, Document answerDocument, EntryIndex.Vocabulary vocabulary) {
    }

    /** An overview whose phrasings name this many kinds of business or more is for any business, not for one. */
    static final int GENERAL_OVERVIEW = 5;

    private final Analyzers analyzers;
    private final QueryRewriter rewriter;
    /** One instance of every token of the vocabularies; see {@link #shared}. */
    private final Map<String, String> tokenPool = new ConcurrentHashMap<>();

    EntryAnalysis(Analyzers analyzers, QueryRewriter rewriter) {
        this.analyzers = analyzers;
        this.rewriter = rewriter;
    }

    /**
     * The documents (one per phrasing, the title last; and the title-and-answer document) and the vocabulary: the
     * words and bigrams of those texts, of the legal basis and of the department.
     */
    Prepared prepare(Entry entry) {
        List<String> phrasings = phrasings(entry);
        Set<String> words = new HashSet<>();
        Set<String> bigrams = new HashSet<>();
        List<Set<String>> phrasingBigrams = new ArrayList<>();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < phrasings.size(); i++) {
            List<String> w = analyzers.words(phrasings.get(i));
            List<String> b = analyzers.bigrams(phrasings.get(i));
            words.addAll(w);
            bigrams.addAll(b);
            phrasingBigrams.add(shared(contentBigrams(b)));
            docs.add(document(entry.id(), EntryIndex.QUESTION, w, b, i));
        }
        String answer = TextNormalizer.normalize(entry.title() + "。" + entry.answer());
        // The answer document waits for the rest of the batch (EntryIndex writes answers as a segment of their own):
        // its tokens are the pooled ones the vocabulary keeps anyway, not a second copy of every string.
        List<String> w = pooled(analyzers.words(answer));
        List<String> b = pooled(analyzers.bigrams(answer));
        words.addAll(w);
        bigrams.addAll(b);
        Document answerDocument = document(entry.id(), EntryIndex.ANSWER, w, b, -1);
        List<String> rest = new ArrayList<>();
        entry.legalBasis().forEach(basis -> rest.add(basis.citation()));
        rest.add(entry.department());
        for (String text : rest) {
            String normalized = TextNormalizer.normalize(text);
            words.addAll(analyzers.words(normalized));
            bigrams.addAll(analyzers.bigrams(normalized));
        }
        EntryIndex.Vocabulary vocabulary = new EntryIndex.Vocabulary(shared(words), shared(bigrams), phrasings,
                List.copyOf(phrasingBigrams), entry.kind() == Kind.TYPICAL_CASE, !entry.related().isEmpty(),
                !entry.related().isEmpty() && namedBusinesses(phrasings) >= GENERAL_OVERVIEW);
        return new Prepared(entry.id(), List.copyOf(docs), answerDocument, vocabulary);
    }

    /** The entry's phrasings and then its title, normalized: what questions are matched and embedded against. */
    static List<String> phrasings(Entry entry) {
        List<String> phrasings = new ArrayList<>();
        entry.questions().forEach(q -> phrasings.add(TextNormalizer.normalize(q)));
        phrasings.add(TextNormalizer.normalize(entry.title()));
        return phrasings;
    }

    /** Bigrams, without those made only of stop characters (吗呢, 什么). */
    List<String> contentBigrams(List<String> bigrams) {
        return bigrams.stream().filter(b -> !isStopBigram(b)).toList();
    }

    private boolean isStopBigram(String bigram) {
        if (rewriter.isStopword(bigram)) {
            return true;
        }
        if (bigram.length() != 2) {
            return false;
        }
        return rewriter.isStopword(bigram.substring(0, 1)) && rewriter.isStopword(bigram.substring(1));
    }

    private static Document document(String id, String type, List<String> words, List<String> bigrams, int phrasing) {
        Document doc = new Document();
        doc.add(new StringField(EntryIndex.ID, id, Field.Store.NO));
        // Doc values, not stored fields: reading them for every hit is a lookup, not a decompression.
        doc.add(new SortedDocValuesField(EntryIndex.ID, new BytesRef(id)));
        doc.add(new NumericDocValuesField(EntryIndex.PHRASING, phrasing));
        doc.add(new TextField(type + Analyzers.WORDS, new Tokens(words)));
        doc.add(new TextField(type + Analyzers.BIGRAMS, new Tokens(bigrams)));
        return doc;
    }

    private static long namedBusinesses(List<String> phrasings) {
        return phrasings.stream().map(QuestionReader::business).filter(java.util.Objects::nonNull).distinct().count();
    }

    /**
     * The tokens as a set of shared instances: the entries' vocabularies hold the same few ten thousand words and
     * bigrams over and over, and one String per occurrence took most of the heap at 25,000 entries (14 million
     * strings, 780 MB). The pool only grows with tokens never seen before, so it stays the size of the vocabulary.
     */
    private Set<String> shared(Collection<String> tokens) {
        return Set.copyOf(pooled(tokens));
    }

    private List<String> pooled(Collection<String> tokens) {
        return tokens.stream().map(t -> tokenPool.computeIfAbsent(t, k -> k)).toList();
    }

    /**
     * Tokens already produced by the field's analyzer, replayed for the writer. Only the terms and their count
     * matter to the index: searches are term queries scored with BM25 (term and document frequencies, field
     * length), never phrases, so positions need not keep the gaps of removed punctuation.
     */
    private static final class Tokens extends TokenStream {
        private final List<String> tokens;
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private int next;

        Tokens(List<String> tokens) {
            this.tokens = tokens;
        }

        @Override
        public boolean incrementToken() {
            if (next >= tokens.size()) {
                return false;
            }
            clearAttributes();
            term.setEmpty().append(tokens.get(next++));
            return true;
        }

        @Override
        public void reset() throws java.io.IOException {
            super.reset();
            next = 0;
        }
    }
}
