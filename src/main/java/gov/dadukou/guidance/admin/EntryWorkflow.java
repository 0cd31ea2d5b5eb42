package gov.dadukou.guidance.admin;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.EntryCodec;
import gov.dadukou.guidance.knowledge.KnowledgeBase;
import gov.dadukou.guidance.knowledge.KnowledgeBaseException;
import gov.dadukou.guidance.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The life of an entry: draft → submitted → approved (legal review, with a comment) → published →
 * retired. Every change is a new version recording who and when; an editor works only on their
 * department's entries; nobody reviews their own version, and {@link FourEyes} keeps an author from
 * approving through an account they created or whose role they changed. Publishing and retiring take effect in
 * {@link LiveEntries} at once, and bump {@code kb_generation} in their transaction so that other instances on the
 * same database follow ({@link LiveEntrySync}). The shipped knowledge base seeds an empty database; importing it again
 * adds new entries and proposes changed ones as submitted versions, never overwriting a staff edit.
 * Thread-safe (all state in the database, transactions serialised).
 */
public final class EntryWorkflow {
    public static final String SHIPPED = "knowledge-base";
    private static final String STAFF_FILE = "entries/staff-edits.yaml";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** One line of the entry list. */
    public record Summary(String id, String title, String department, int latestVersion, String latestStatus,
                          Integer liveVersion, String reviewed, boolean reviewOverdue) {
    }

    private final Database db;
    private final EntryCodec codec;
    private final LiveEntries live;
    private final Clock clock;
    private final ShippedBase shipped;

    public EntryWorkflow(Database db, KnowledgeBase kb, LiveEntries live, Clock clock) {
        this.db = db;
        this.codec = new EntryCodec(kb);
        this.live = live;
        this.clock = clock;
        this.shipped = new ShippedBase(db, clock);
    }

    /** On an empty database, stores every shipped entry as published version 1. Returns how many. */
    public int seedIfEmpty(KnowledgeBase kb) {
        return shipped.seedIfEmpty(kb);
    }

    /** The live entries: each entry's published version. */
    public List<Entry> published() {
        return db.transaction(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT content, source_file FROM kb_versions WHERE status = 'published' ORDER BY entry_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(codec.fromJson(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        });
    }

    public List<Summary> list() {
        return list(0, Integer.MAX_VALUE);
    }

    /**
     * One page of {@link #list()}: the entries at positions {@code offset} to {@code offset + limit - 1} in id
     * order, each read and decoded alone (the whole list is several megabytes at 25,000 entries).
     */
    public List<Summary> list(int offset, int limit) {
        LocalDate yearAgo = LocalDate.now(clock).minusYears(1);
        return db.transaction(c -> {
            Map<String, Summary> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT entry_id, version, status, content, source_file FROM kb_versions WHERE entry_id IN "
                            + "(SELECT DISTINCT entry_id FROM kb_versions ORDER BY entry_id LIMIT ? OFFSET ?) ORDER BY entry_id, version")) {
                ps.setInt(1, limit);
                ps.setInt(2, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        Entry e = codec.fromJson(rs.getString(4), rs.getString(5));
                        Summary prev = out.get(id);
                        Integer liveVersion = rs.getString(3).equals("published") ? Integer.valueOf(rs.getInt(2)) : prev == null ? null : prev.liveVersion();
                        out.put(id, new Summary(id, e.title(), e.department(), rs.getInt(2), rs.getString(3), liveVersion,
                                e.reviewed().toString(), e.reviewed().isBefore(yearAgo)));
                    }
                }
            }
            return new ArrayList<>(out.values());
        });
    }

    public List<EntryVersion> history(String id) {
        List<EntryVersion> versions = db.transaction(c -> VersionRows.versions(c, id));
        if (versions.isEmpty()) {
            throw new ClientException(404, "entry_not_found", "没有这个条目：" + id);
        }
        return versions;
    }

    /** A new entry as version 1, a draft. */
    public EntryVersion create(StaffService.Account who, JsonNode fields) {
        Entry e = validate(fields, STAFF_FILE);
        mayEdit(who, e.department());
        return db.transaction(c -> {
            if (!VersionRows.versions(c, e.id()).isEmpty()) {
                throw new ClientException(409, "entry_exists", "编号已存在：" + e.id());
            }
            VersionRows.insert(c, e.id(), 1, EntryCodec.toJson(e), STAFF_FILE, "draft", who.username(), clock.instant().toString());
            VersionRows.reindex(c, e.id());
            return VersionRows.versions(c, e.id()).get(0);
        });
    }

    /**
     * What {@link #create} would refuse, without storing anything (an import's preview).
     *
     * @throws ClientException as {@link #create} would
     */
    public void checkCreate(StaffService.Account who, JsonNode fields) {
        Entry e = validate(fields, STAFF_FILE);
        mayEdit(who, e.department());
        if (!db.transaction(c -> VersionRows.versions(c, e.id())).isEmpty()) {
            throw new ClientException(409, "entry_exists", "编号已存在：" + e.id());
        }
    }

    /** A new draft version of an existing entry. */
    public EntryVersion revise(StaffService.Account who, String id, JsonNode fields) {
        return db.transaction(c -> {
            List<EntryVersion> all = existing(c, id);
            EntryVersion latest = all.get(all.size() - 1);
            Entry before = codec.fromJson(latest.content(), latest.sourceFile());
            mayEdit(who, before.department());
            Entry after = validate(fields, latest.sourceFile());
            if (!after.id().equals(id)) {
                throw ClientException.badRequest("id_mismatch", "条目编号不能修改。");
            }
            mayEdit(who, after.department());
            int version = latest.version() + 1;
            VersionRows.insert(c, id, version, EntryCodec.toJson(after), latest.sourceFile(), "draft", who.username(), clock.instant().toString());
            VersionRows.reindex(c, id);
            return VersionRows.versions(c, id).get(all.size());
        });
    }

    public EntryVersion submit(StaffService.Account who, String id) {
        List<EntryVersion> all = history(id);
        refuseUnfinished(all.get(all.size() - 1));
        return transition(who, id, "draft", "submitted", null, false);
    }

    /** Approves the submitted version; the comment is required, and a version still holding template text is refused. */
    public EntryVersion approve(StaffService.Account who, String id, String comment) {
        requireReviewer(who);
        if (comment == null || comment.isBlank()) {
            throw ClientException.badRequest("missing_comment", "法制审核需要填写审核意见。");
        }
        List<EntryVersion> all = history(id);
        refuseUnfinished(all.get(all.size() - 1));
        return transition(who, id, "submitted", "approved", comment.strip(), true);
    }

    /** Returns the submitted version to its author; the reason is required, so the author knows what to change. */
    public EntryVersion reject(StaffService.Account who, String id, String comment) {
        requireReviewer(who);
        if (comment == null || comment.isBlank()) {
            throw ClientException.badRequest("missing_comment", "退回需要填写理由，告诉作者需要修改什么。");
        }
        return transition(who, id, "submitted", "rejected", comment.strip(), true);
    }

    /**
     * An editor confirms an entry's staff-verification mark against its source: a new version without the
     * mark (of {@code fields} when the check changed the entry, else of the latest content), carrying what
     * was checked, and sent straight to legal review like any change.
     *
     * @throws ClientException 400 when the note is incomplete, 409 when the entry has no mark or a version is in review
     */
    public EntryVersion confirmVerification(StaffService.Account who, String id, Verification note, JsonNode fields) {
        String noteJson = note.toJson(LocalDate.now(clock));
        return db.transaction(c -> {
            EntryVersion latest = latest(c, id);
            Entry before = codec.fromJson(latest.content(), latest.sourceFile());
            mayEdit(who, before.department());
            if (latest.status().equals("submitted") || latest.status().equals("approved")) {
                throw new ClientException(409, "in_review", "这个条目有版本正在审核或待发布，处理完后再核实。");
            }
            if (before.verify() == null) {
                throw new ClientException(409, "not_marked", "这个条目没有待核实标记。");
            }
            Entry checked = fields == null ? before : validate(fields, latest.sourceFile());
            if (!checked.id().equals(id)) {
                throw ClientException.badRequest("id_mismatch", "条目编号不能修改。");
            }
            mayEdit(who, checked.department());
            Map<String, Object> map = new LinkedHashMap<>(EntryCodec.toMap(checked));
            map.remove("verify");
            Entry after = validate(JSON.valueToTree(map), latest.sourceFile());
            String content = EntryCodec.toJson(after);
            String problem = DraftTemplates.problem(content);
            if (problem != null) {
                throw ClientException.badRequest("draft_incomplete", problem);
            }
            String now = clock.instant().toString();
            VersionRows.insert(c, id, latest.version() + 1, content, latest.sourceFile(), "submitted", who.username(), now);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE kb_versions SET submitted_at = ?, verification = ? WHERE entry_id = ? AND version = ?")) {
                ps.setString(1, now);
                ps.setString(2, noteJson);
                ps.setString(3, id);
                ps.setInt(4, latest.version() + 1);
                ps.executeUpdate();
            }
            VersionRows.reindex(c, id);
            return latest(c, id);
        });
    }

    /** The entry as one of its versions holds it. */
    public Entry entry(String id, int version) {
        EntryVersion v = history(id).stream().filter(x -> x.version() == version).findFirst()
                .orElseThrow(() -> new ClientException(404, "version_not_found", "没有这个版本：" + version));
        return codec.fromJson(v.content(), v.sourceFile());
    }

    private static void refuseUnfinished(EntryVersion v) {
        String problem = DraftTemplates.problem(v.content());
        if (problem != null) {
            throw ClientException.badRequest("draft_incomplete", problem);
        }
    }

    /** Makes the latest approved version live; the previous live version is superseded. */
    public EntryVersion publish(StaffService.Account who, String id) {
        requireReviewer(who);
        long[] generation = new long[1];
        EntryVersion published = db.transaction(c -> {
            EntryVersion latest = latest(c, id);
            if (!latest.status().equals("approved")) {
                throw new ClientException(409, "not_approved", "只有通过法制审核的版本才能发布。");
            }
            VersionRows.setStatus(c, id, "published", "superseded");
            try (PreparedStatement ps = c.prepareStatement("UPDATE kb_versions SET status = 'published', published_by = ?, "
                    + "published_at = ? WHERE entry_id = ? AND version = ?")) {
                ps.setString(1, who.username());
                ps.setString(2, clock.instant().toString());
                ps.setString(3, id);
                ps.setInt(4, latest.version());
                ps.executeUpdate();
            }
            VersionRows.reindex(c, id);
            generation[0] = LiveGeneration.bump(c); // other instances see the change with the rows, never before
            return latest(c, id);
        });
        live.published(codec.fromJson(published.content(), published.sourceFile()), published.version(), generation[0]);
        return published;
    }

    /** Takes the entry out of service: it no longer answers. */
    public void retire(StaffService.Account who, String id) {
        requireReviewer(who);
        long[] change = db.transaction(c -> {
            List<EntryVersion> all = existing(c, id);
            int version = all.stream().filter(v -> v.status().equals("published")).mapToInt(EntryVersion::version).max().orElse(-1);
            if (VersionRows.setStatus(c, id, "published", "retired") == 0) {
                return null;
            }
            VersionRows.reindex(c, id);
            return new long[] {version, LiveGeneration.bump(c)};
        });
        if (change == null) {
            throw new ClientException(409, "not_published", "条目没有在用的版本。");
        }
        live.retired(id, (int) change[0], change[1]);
    }

    /** Field-by-field differences between two versions: {@code field → [before, after]}. */
    public Map<String, List<Object>> diff(String id, int from, int to) {
        List<EntryVersion> all = history(id);
        EntryVersion a = all.stream().filter(v -> v.version() == from).findFirst()
                .orElseThrow(() -> new ClientException(404, "version_not_found", "没有这个版本：" + from));
        EntryVersion b = all.stream().filter(v -> v.version() == to).findFirst()
                .orElseThrow(() -> new ClientException(404, "version_not_found", "没有这个版本：" + to));
        Map<String, Object> before = EntryCodec.toMap(codec.fromJson(a.content(), a.sourceFile()));
        Map<String, Object> after = EntryCodec.toMap(codec.fromJson(b.content(), b.sourceFile()));
        Map<String, List<Object>> out = new LinkedHashMap<>();
        java.util.Set<String> fields = new java.util.LinkedHashSet<>(before.keySet());
        fields.addAll(after.keySet());
        for (String f : fields) {
            if (!java.util.Objects.equals(before.get(f), after.get(f))) {
                out.put(f, java.util.Arrays.asList(before.get(f), after.get(f)));
            }
        }
        return out;
    }

    /** Imports the shipped base again: new entries and changed ones become submitted proposals. */
    public Map<String, Integer> importShipped(KnowledgeBase kb) {
        return shipped.importShipped(kb);
    }

    private EntryVersion transition(StaffService.Account who, String id, String from, String to, String comment, boolean review) {
        return db.transaction(c -> {
            EntryVersion latest = latest(c, id);
            if (!review) {
                mayEdit(who, codec.fromJson(latest.content(), latest.sourceFile()).department());
            }
            if (!latest.status().equals(from)) {
                throw new ClientException(409, "wrong_state", "当前版本状态为“" + latest.status() + "”，不能执行此操作。");
            }
            if (review && to.equals("approved")) {
                FourEyes.check(c, latest.author(), who, clock.instant());
            } else if (review && latest.author().equals(who.username())) {
                throw new ClientException(403, "own_entry", "不能审核自己提交的版本。");
            }
            String sql = review
                    ? "UPDATE kb_versions SET status = ?, reviewer = ?, review_comment = ?, reviewed_at = ? WHERE entry_id = ? AND version = ?"
                    : "UPDATE kb_versions SET status = ?, submitted_at = ? WHERE entry_id = ? AND version = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, to);
                if (review) {
                    ps.setString(i++, who.username());
                    ps.setString(i++, comment);
                }
                ps.setString(i++, clock.instant().toString()); // reviewed_at, or submitted_at
                ps.setString(i++, id);
                ps.setInt(i, latest.version());
                ps.executeUpdate();
            }
            VersionRows.reindex(c, id);
            return latest(c, id);
        });
    }

    private Entry validate(JsonNode fields, String source) {
        if (fields == null || !fields.isObject()) {
            throw ClientException.badRequest("invalid_entry", "条目内容应是一个 JSON 对象。");
        }
        try {
            return codec.fromJson(fields, source);
        } catch (KnowledgeBaseException e) {
            throw ClientException.badRequest("invalid_entry",
                    "条目不符合要求" + (e.field() == null ? "" : "（字段 " + e.field() + "）") + "：" + e.getMessage().replaceAll("^.*：", ""));
        }
    }

    private static void mayEdit(StaffService.Account who, String department) {
        if (who.role() == Role.EDITOR && !department.equals(who.department())) {
            throw new ClientException(403, "other_department", "编辑只能维护本单位（" + who.department() + "）的条目。");
        }
    }

    private static void requireReviewer(StaffService.Account who) {
        if (who.role() == Role.EDITOR) {
            throw new ClientException(403, "forbidden", "法制审核和发布由审核人员进行。");
        }
    }

    private List<EntryVersion> existing(Connection c, String id) throws SQLException {
        List<EntryVersion> all = VersionRows.versions(c, id);
        if (all.isEmpty()) {
            throw new ClientException(404, "entry_not_found", "没有这个条目：" + id);
        }
        return all;
    }

    private EntryVersion latest(Connection c, String id) throws SQLException {
        List<EntryVersion> all = existing(c, id);
        return all.get(all.size() - 1);
    }
}
