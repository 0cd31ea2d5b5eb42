package gov.dadukou.guidance.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place that decides how text becomes tokens, shared by indexing and querying so that both
 * always agree. Two views of the same text: smartcn words ({@code *_w} fields) and character bigrams
 * ({@code *_b} fields), because smartcn splits domain terms (首违不罚 → 首|违|不|罚) that bigrams keep.
 * Analyzers are thread-safe; create one set per application.
 */
public final class Analyzers implements AutoCloseable {
    public static final String WORDS = "_w";
    public static final String BIGRAMS = "_b";

    private final Analyzer words = new SmartChineseAnalyzer();
    private final Analyzer bigrams = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new CJKWidthFilter(source);
            stream = new LowerCaseFilter(stream);
            // Bigrams only: unigram+bigram output would make graph queries; single characters are too noisy.
            stream = new CJKBigramFilter(stream, CJKBigramFilter.HAN, false);
            return new TokenStreamComponents(source, stream);
        }
    };

    /** The index-time analyzer: chooses words or bigrams by the field's suffix. */
    public Analyzer perField(List<String> baseFields) {
        Map<String, Analyzer> map = new java.util.HashMap<>();
        for (String field : baseFields) {
            map.put(field + WORDS, words);
            map.put(field + BIGRAMS, bigrams);
        }
        return new PerFieldAnalyzerWrapper(words, map);
    }

    /** Smartcn words of already-normalized text. */
    public List<String> words(String text) {
        return tokens(words, text);
    }

    /** Character bigrams (and whole Latin or digit tokens) of already-normalized text. */
    public List<String> bigrams(String text) {
        return tokens(bigrams, text);
    }

    private static List<String> tokens(Analyzer analyzer, String text) {
        List<String> result = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                result.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot do I/O", e);
        }
        return result;
    }

    @Override
    public void close() {
        words.close();
        bigrams.close();
    }
}
