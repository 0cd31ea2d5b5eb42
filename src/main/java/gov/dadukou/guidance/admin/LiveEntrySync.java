package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.EntryCodec;
import gov.dadukou.guidance.knowledge.KnowledgeBase;
import gov.dadukou.guidance.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps this instance's live entries in step with a database that several instances share. Every transaction that
 * changes which versions are live (publish, retire, seeding) bumps {@code kb_generation} ({@link LiveGeneration});
 * {@link #poll()} reads that one row and, only when it moved, which version of each entry is published now, and
 * applies the difference through the same {@link LiveEntries} a local publish or retire goes through (the entry
 * store, then the index and its searcher refresh).
 *
 * <p>Each change is applied once per instance. A local publish or retire reaches {@link #published}/{@link #retired}
 * with its version and generation; whichever comes first, that call or a poll that has already seen the change,
 * applies it, and the other finds it applied. A poll reads the generation and the published versions in one
 * statement, so the two agree.
 *
 * <p>Polling is the caller's (Assistant runs it on a daemon timer with PostgreSQL; SQLite is one instance and never
 * polls, so there every change is applied by the local call, as before). Thread-safe: applying, local or polled,
 * is serialised by one lock, which is never held while a workflow transaction is open.
 */
public final class LiveEntrySync implements LiveEntries {
    /** One published version as the poll reads it. */
    private record Live(String entryId, int version) {
    }

    private final Database db;
    private final EntryCodec codec;
    private final LiveEntries target;
    private final Object lock = new Object();
    /** The live version applied here, by entry id. Guarded by {@link #lock}. */
    private final Map<String, Integer> applied = new HashMap<>();
    /** The generation this instance has applied everything up to; -1 before {@link #load()}. Guarded by {@link #lock}. */
    private long generation = -1;

    /** @param target where changes take effect in this process: the entry store and the index */
    public LiveEntrySync(Database db, KnowledgeBase kb, LiveEntries target) {
        this.db = db;
        this.codec = new EntryCodec(kb);
        this.target = target;
    }

    /**
     * The live entries to start from (the caller builds its store and index from them, without {@link #target});
     * remembers their versions and the generation they belong to.
     */
    public List<Entry> load() {
        record Start(long generation, Map<String, Integer> versions, List<Entry> entries) {
        }
        Start start = db.transaction(c -> {
            Map<String, Integer> versions = new HashMap<>();
            List<Entry> entries = new ArrayList<>();
            // One statement, so that the generation and the rows agree (PostgreSQL takes one snapshot per statement).
            try (PreparedStatement ps = c.prepareStatement("SELECT g.generation, v.entry_id, v.version, v.content, v.source_file "
                    + "FROM kb_generation g LEFT JOIN kb_versions v ON v.status = 'published' WHERE g.id = 1 ORDER BY v.entry_id");
                 ResultSet rs = ps.executeQuery()) {
                long g = -1;
                while (rs.next()) {
                    g = rs.getLong(1);
                    if (rs.getString(2) != null) {
                        versions.put(rs.getString(2), rs.getInt(3));
                        entries.add(codec.fromJson(rs.getString(4), rs.getString(5)));
                    }
                }
                return new Start(g, versions, entries);
            }
        });
        synchronized (lock) {
            applied.clear();
            applied.putAll(start.versions());
            generation = start.generation();
        }
        return start.entries();
    }

    /** A publish without its version (not from EntryWorkflow): applied at once, and checked again by the next poll. */
    @Override
    public void publish(Entry entry) {
        synchronized (lock) {
            target.publish(entry);
            applied.put(entry.id(), -1); // unknown: any published version differs, so a poll re-reads it
        }
    }

    @Override
    public void retire(String entryId) {
        synchronized (lock) {
            target.retire(entryId);
            applied.remove(entryId);
        }
    }

    @Override
    public void published(Entry entry, int version, long changeGeneration) {
        synchronized (lock) {
            if (generation >= changeGeneration || Objects.equals(applied.get(entry.id()), version)) {
                return; // a poll has applied this change, or a later one
            }
            target.publish(entry);
            applied.put(entry.id(), version);
        }
    }

    @Override
    public void retired(String entryId, int version, long changeGeneration) {
        synchronized (lock) {
            if (generation >= changeGeneration || !Objects.equals(applied.get(entryId), version)) {
                return; // a poll has applied this change or a later one, or the version retired was never live here
            }
            target.retire(entryId);
            applied.remove(entryId);
        }
    }

    /**
     * One look at the database: a primary-key read of the generation; only when it moved since this instance last
     * caught up, the published versions, and the content of those that differ from what is applied here.
     *
     * @return how many entries were published or retired here
     * @throws gov.dadukou.guidance.store.StoreException when the database cannot be read (nothing is applied; the next
     *                                                   poll tries again)
     */
    public int poll() {
        synchronized (lock) {
            if (db.transaction(LiveGeneration::read) == generation) {
                return 0;
            }
            Map<String, Integer> live = new HashMap<>();
            long now = db.transaction(c -> readLive(c, live));
            Set<String> changed = new HashSet<>();
            live.forEach((id, version) -> {
                if (!version.equals(applied.get(id))) {
                    changed.add(id);
                }
            });
            List<String> gone = applied.keySet().stream().filter(id -> !live.containsKey(id)).sorted().toList();
            int n = 0;
            if (!changed.isEmpty()) {
                Map<String, Published> rows = db.transaction(c -> contents(c, changed));
                for (String id : changed.stream().sorted().toList()) {
                    Published p = rows.get(id);
                    if (p == null) { // retired since the versions were read
                        target.retire(id);
                        applied.remove(id);
                    } else {
                        target.publish(p.entry());
                        applied.put(id, p.version());
                    }
                    n++;
                }
            }
            for (String id : gone) {
                target.retire(id);
                applied.remove(id);
                n++;
            }
            generation = now;
            return n;
        }
    }

    /** The generation this instance has caught up with (for tests and logs). */
    public long generation() {
        synchronized (lock) {
            return generation;
        }
    }

    /** Fills {@code live} with the published versions and returns the generation they belong to. */
    private static long readLive(Connection c, Map<String, Integer> live) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT g.generation, v.entry_id, v.version FROM kb_generation g "
                + "LEFT JOIN kb_versions v ON v.status = 'published' WHERE g.id = 1");
             ResultSet rs = ps.executeQuery()) {
            long g = -1;
            while (rs.next()) {
                g = rs.getLong(1);
                if (rs.getString(2) != null) {
                    live.put(rs.getString(2), rs.getInt(3));
                }
            }
            return g;
        }
    }

    private record Published(Entry entry, int version) {
    }

    /** The published version of each of {@code ids} that still has one. */
    private Map<String, Published> contents(Connection c, Set<String> ids) throws SQLException {
        Map<String, Published> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT version, content, source_file FROM kb_versions WHERE entry_id = ? AND status = 'published'")) {
            for (String id : ids) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.put(id, new Published(codec.fromJson(rs.getString(2), rs.getString(3)), rs.getInt(1)));
                    }
                }
            }
        }
        return out;
    }
}
