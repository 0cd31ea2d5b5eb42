package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.knowledge.Entry;

/** Where a publish or retire takes effect: the live entries and the search index. Thread-safe. */
public interface LiveEntries {
    /** Makes the entry answer from now on (replacing its previous version). */
    void publish(Entry entry);

    /** Stops the entry from answering. */
    void retire(String entryId);

    /**
     * As {@link #publish(Entry)}, told what was committed: the entry's version now live and the {@code kb_generation}
     * its transaction wrote. {@link LiveEntrySync} uses them to apply each change once when other instances'
     * changes arrive by polling too; other implementations need not care.
     */
    default void published(Entry entry, int version, long generation) {
        publish(entry);
    }

    /** As {@link #retire(String)}, told the version taken out of service and the generation written with it. */
    default void retired(String entryId, int version, long generation) {
        retire(entryId);
    }
}
