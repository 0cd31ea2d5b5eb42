package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.knowledge.Entry;

/** Where a publish or retire takes effect: the live entries and the search index. Thread-safe. */
public interface LiveEntries {
    /** Makes the entry answer from now on (replacing its previous version). */
    void publish(Entry entry);

    /** Stops the entry from answering. */
    void retire(String entryId);
}
