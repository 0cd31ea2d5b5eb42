package gov.dadukou.guidance.store;

import java.sql.SQLException;
import java.util.Optional;

/**
 * What is wrong with the storage under the database, as SQLite reports it, with what an operator should
 * do about it. Statement errors (a constraint, a bad query, a refused UPDATE on the ledger) are not
 * storage faults: they say nothing about whether the next write can land on disk.
 */
public enum StorageFault {
    READ_ONLY("read_only", "不可写", "is not writable",
            "请让运行服务的账户对该文件、同目录的 -wal/-shm 文件和目录本身有写权限，并确认文件系统不是只读挂载 / "
                    + "give the service account write access to the file, its -wal/-shm files and the directory, "
                    + "and check the file system is not mounted read-only"),
    CORRUPT("corrupt", "已损坏或不是数据库文件", "is corrupt or not a database",
            "请停止服务，从备份恢复该文件；没有备份时可把它移走保存，再以 ALLOW_EMPTY_DATABASE=1 启动一次建立空库（同意记录等数据将不在其中）/ "
                    + "stop the service and restore the file from a backup; without one, move it aside and start once with "
                    + "ALLOW_EMPTY_DATABASE=1 to create an empty database (the consent ledger and other data will not be in it)"),
    IO_ERROR("io_error", "读写出错", "failed with an I/O error",
            "请检查磁盘、文件系统和挂载状态（系统日志 dmesg）/ check the disk, the file system and the mount (dmesg)"),
    DISK_FULL("disk_full", "所在磁盘已满", "is on a full disk",
            "请释放磁盘空间 / free disk space on its file system");

    private final String code;
    private final String chinese;
    private final String english;
    private final String advice;

    StorageFault(String code, String chinese, String english, String advice) {
        this.code = code;
        this.chinese = chinese;
        this.english = english;
        this.advice = advice;
    }

    /** A stable code for {@code /health}: {@code read_only}, {@code corrupt}, {@code io_error}, {@code disk_full}. */
    public String code() {
        return code;
    }

    /** "数据库文件不可写 / database file is not writable: FILE", without the advice. */
    public String describe(String file) {
        return "数据库文件" + chinese + " / database file " + english + ": " + file;
    }

    /** The problem in Chinese, for a message: "不可写", "所在磁盘已满" … */
    public String chinese() {
        return chinese;
    }

    /** What the operator should do, in Chinese and English. */
    public String advice() {
        return advice;
    }

    /** The storage fault behind {@code failure} (the first SQLite error among its causes), if it is one. */
    public static Optional<StorageFault> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StorageFaultException e) {
                return Optional.of(e.fault());
            }
            if (t instanceof SQLException e && e.getErrorCode() != 0) {
                return ofSqliteCode(e.getErrorCode());
            }
        }
        return Optional.empty();
    }

    /** SQLite primary result codes (the low byte of an extended code). */
    static Optional<StorageFault> ofSqliteCode(int code) {
        return switch (code & 0xFF) {
            case 3, 8 -> Optional.of(READ_ONLY);   // SQLITE_PERM, SQLITE_READONLY
            case 11, 26 -> Optional.of(CORRUPT);   // SQLITE_CORRUPT, SQLITE_NOTADB
            case 10, 14 -> Optional.of(IO_ERROR);  // SQLITE_IOERR, SQLITE_CANTOPEN
            case 13 -> Optional.of(DISK_FULL);     // SQLITE_FULL
            default -> Optional.empty();
        };
    }
}
