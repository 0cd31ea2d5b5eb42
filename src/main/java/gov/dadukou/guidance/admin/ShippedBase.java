package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.EntryCodec;
import gov.dadukou.guidance.knowledge.KnowledgeBase;
import gov.dadukou.guidance.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The knowledge base shipped in files, brought into the database: it seeds an empty database as published version 1
 * of every entry (once, under the seeding lock, so that instances starting together on one PostgreSQL database seed it
 * once), and importing it again adds new entries and proposes changed ones as submitted versions, never overwriting
 * a staff edit. Thread-safe (all state in the database).
 */
final class ShippedBase {
    private final Database db;
    private final Clock clock;

    ShippedBase(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** On an empty database, stores every shipped entry as published version 1. Returns how many. */
    int seedIfEmpty(KnowledgeBase kb) {
        return db.transaction(c -> {
            LiveGeneration.lockForSeeding(db.dialect(), c);
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM kb_versions"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return 0;
                }
            }
            String now = clock.instant().toString();
            for (Entry e : kb.entries()) {
                VersionRows.insert(c, e.id(), 1, EntryCodec.toJson(e), e.sourceFile(), "published", EntryWorkflow.SHIPPED, now);
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE kb_versions SET published_by = ?, published_at = ? WHERE entry_id = ? AND version = 1")) {
                    ps.setString(1, EntryWorkflow.SHIPPED);
                    ps.setString(2, now);
                    ps.setString(3, e.id());
                    ps.executeUpdate();
                }
            }
            VersionRows.reindexAll(c);
            LiveGeneration.bump(c);
            return kb.entries().size();
        });
    }

    /** Imports the shipped base again: new entries and changed ones become submitted proposals. */
    Map<String, Integer> importShipped(KnowledgeBase kb) {
        return db.transaction(c -> {
            int added = 0;
            int proposed = 0;
            String now = clock.instant().toString();
            for (Entry e : kb.entries()) {
                List<EntryVersion> all = VersionRows.versions(c, e.id());
                String content = EntryCodec.toJson(e);
                if (all.isEmpty()) {
                    VersionRows.insert(c, e.id(), 1, content, e.sourceFile(), "submitted", EntryWorkflow.SHIPPED, now);
                    VersionRows.markSubmitted(c, e.id(), 1, now);
                    VersionRows.reindex(c, e.id());
                    added++;
                } else if (all.stream().noneMatch(v -> v.content().equals(content))) {
                    VersionRows.insert(c, e.id(), all.get(all.size() - 1).version() + 1, content, e.sourceFile(), "submitted", EntryWorkflow.SHIPPED, now);
                    VersionRows.markSubmitted(c, e.id(), all.get(all.size() - 1).version() + 1, now);
                    VersionRows.reindex(c, e.id());
                    proposed++;
                }
            }
            return Map.of("added", added, "proposed", proposed);
        });
    }
}
