package gov.dadukou.guidance.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The database's files on disk, apart from SQLite: owner-only permissions, and the marker file that
 * records that the database has held data. Used by {@link Database#open} only, before and after SQLite
 * opens the file. Not thread-safe; one instance per open.
 */
final class DatabaseFiles {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFiles.class);
    /** SQLite's companions of the database file; they hold the same data (the WAL holds recent commits). */
    private static final String[] COMPANIONS = {"-wal", "-shm", "-journal"};
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Path file;
    private final Path marker;
    private final boolean posix;

    DatabaseFiles(Path file) {
        this.file = file.toAbsolutePath();
        this.marker = this.file.resolveSibling(this.file.getFileName() + ".has-data");
        this.posix = this.file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    Path file() {
        return file;
    }

    /**
     * Refuses when the marker says the database held data and the file is now missing or 0 bytes, before
     * SQLite would create or initialise it. With {@code allowEmpty} it only warns: the operator decided.
     */
    void checkNotLost(boolean allowEmpty) {
        if (!Files.exists(marker)) {
            return;
        }
        boolean missing = !Files.exists(file);
        boolean empty = !missing && size() == 0;
        if (missing || empty) {
            lost(missing, allowEmpty);
        }
    }

    /** The file opened but holds no schema at all (a fresh SQLite file) although the marker says it held data. */
    void checkSchemaNotLost(int userVersion, boolean allowEmpty) {
        if (userVersion == 0 && Files.exists(marker)) {
            lost(false, allowEmpty);
        }
    }

    private void lost(boolean missing, boolean allowEmpty) {
        if (!allowEmpty) {
            throw new DatabaseLostException(file, marker, missing);
        }
        LOG.warn("ALLOW_EMPTY_DATABASE=1: {} is {} although it held data; starting with a new, empty database. "
                + "Remove ALLOW_EMPTY_DATABASE now so that a later loss is not accepted silently.", file, missing ? "missing" : "empty");
    }

    /**
     * Creates the file, empty and owner-only, when it does not exist: SQLite would create it with the
     * umask's permissions, and it creates the -wal and -shm files with the database file's permissions.
     */
    void createOwnerOnly() {
        if (!posix || Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.setPosixFilePermissions(file, OWNER_ONLY); // creation modes pass through the umask; chmod does not
        } catch (FileAlreadyExistsException raced) {
            restrictToOwner();
        } catch (IOException e) {
            throw new StorageFaultException(file, StorageFault.READ_ONLY, e);
        }
    }

    /**
     * Takes group and other permissions off the database file and its companions that exist, never adding
     * any (a read-only file stays read-only). A file this account may not change is logged, not fatal:
     * whether it is readable by others is then the owner's setting.
     */
    void restrictToOwner() {
        if (!posix) {
            return;
        }
        restrict(file);
        for (String suffix : COMPANIONS) {
            restrict(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    private static void restrict(Path path) {
        try {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
            Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
            owner.addAll(now);
            owner.retainAll(OWNER_ONLY);
            if (!owner.equals(now)) {
                Files.setPosixFilePermissions(path, owner);
                LOG.info("permissions of {} tightened from {} to {}", path, PosixFilePermissions.toString(now), PosixFilePermissions.toString(owner));
            }
        } catch (java.nio.file.NoSuchFileException absent) {
            // nothing to protect: SQLite creates it later with the database file's permissions
        } catch (IOException e) {
            LOG.warn("cannot make {} readable by its owner only: {}", path, e.toString());
        }
    }

    /** Writes the marker once the database holds a schema, so that losing the file later is noticed. */
    void markHeldData() {
        if (Files.exists(marker)) {
            return;
        }
        String text = "guidance.db has held data since " + Instant.now() + ".\n"
                + "While this file exists, a missing or empty " + file.getFileName() + " stops start-up (exit code 2)\n"
                + "unless ALLOW_EMPTY_DATABASE=1 is set. Do not delete it to get past that check: restore the database.\n"
                + "此文件存在时，数据库文件缺失或为空将拒绝启动；请从备份恢复数据库，不要删除此文件来绕过检查。\n";
        try {
            Files.writeString(marker, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StorageFaultException(marker, StorageFault.READ_ONLY, e);
        }
    }

    private long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new StorageFaultException(file, StorageFault.IO_ERROR, e);
        }
    }
}
