package gov.dadukou.guidance.search;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which entry, and which of its documents, each hit of a search over {@link EntryIndex} is. Stateless. */
final class IndexHits {
    private IndexHits() {
    }

    /**
     * The entry a search hit belongs to and which of its documents matched.
     *
     * @param phrasing the phrasing's position, -1 for the title-and-answer document, null when not recorded
     */
    record Hit(String entryId, Integer phrasing) {
    }

    /**
     * Reads the hits' entry ids and phrasings from doc values; an element is null when its document
     * carries no entry id. Shared by the chat's retrieval and the catalogue search, so both read the
     * index the same way. The documents are visited in index order with one doc-values reader per
     * segment, and each entry id is decoded once: a question reads a hundred hits or so, and opening the
     * doc values and decompressing an id per hit was a sixth of a question's Java time (issue #18).
     *
     * @return one hit per score doc, in the order of {@code scoreDocs}
     */
    static Hit[] read(IndexSearcher searcher, ScoreDoc[] scoreDocs) throws IOException {
        Hit[] out = new Hit[scoreDocs.length];
        Integer[] byDoc = new Integer[scoreDocs.length];
        for (int k = 0; k < byDoc.length; k++) {
            byDoc[k] = k;
        }
        Arrays.sort(byDoc, Comparator.comparingInt(k -> scoreDocs[k].doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = null;
        SortedDocValues ids = null;
        NumericDocValues phrasings = null;
        Map<Integer, String> idByOrd = new HashMap<>();
        for (int k : byDoc) {
            int globalDoc = scoreDocs[k].doc;
            if (leaf == null || globalDoc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(globalDoc, leaves));
                ids = leaf.reader().getSortedDocValues(EntryIndex.ID);
                phrasings = leaf.reader().getNumericDocValues(EntryIndex.PHRASING);
                idByOrd.clear();
            }
            int doc = globalDoc - leaf.docBase;
            if (ids == null || !ids.advanceExact(doc)) {
                continue;
            }
            Integer phrasing = phrasings != null && phrasings.advanceExact(doc) ? (int) phrasings.longValue() : null;
            int ord = ids.ordValue();
            String id = idByOrd.get(ord);
            if (id == null) {
                id = ids.lookupOrd(ord).utf8ToString();
                idByOrd.put(ord, id);
            }
            out[k] = new Hit(id, phrasing);
        }
        return out;
    }
}
