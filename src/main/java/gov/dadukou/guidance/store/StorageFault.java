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
            "请释放磁盘空间 / free disk space on its file system"),
    /** PostgreSQL only: the server cannot be reached, refuses the credentials, or is shutting down. */
    UNAVAILABLE("unavailable", "无法连接或拒绝登录", "cannot be reached or refuses the login",
            "请检查 DATABASE_URL、DATABASE_USER、DATABASE_PASSWORD，数据库服务器是否运行、网络和 pg_hba.conf 是否允许本机连接 / "
                    + "check DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD, that the server is running, and that the "
                    + "network and pg_hba.conf let this host connect");

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

    /** A stable code for {@code /health}: {@code read_only}, {@code corrupt}, {@code io_error}, {@code disk_full}, {@code unavailable}. */
    public String code() {
        return code;
    }

    /**
     * "数据库文件不可写 / database file is not writable: FILE", without the advice; for a PostgreSQL
     * URL "数据库…/ database …: URL".
     */
    public String describe(String location) {
        boolean server = location.startsWith(PostgresSettings.URL_PREFIX);
        return (server ? "数据库" : "数据库文件") + chinese + (server ? " / database " : " / database file ") + english + ": " + location;
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
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return Optional.of(UNAVAILABLE); // the pool found no live connection in time
            }
            if (t instanceof SQLException e && e.getErrorCode() != 0) {
                return ofSqliteCode(e.getErrorCode());
            }
            if (t instanceof SQLException e && e.getSQLState() != null) {
                Optional<StorageFault> kind = ofSqlState(e.getSQLState());
                if (kind.isPresent()) {
                    return kind;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * PostgreSQL's SQLSTATE classes that say something about the server or its storage rather than the statement
     * (https://www.postgresql.org/docs/current/errcodes-appendix.html).
     */
    static Optional<StorageFault> ofSqlState(String state) {
        if (state.startsWith("08") || state.startsWith("28") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("53300")) {
            return Optional.of(UNAVAILABLE);   // connection, authorisation, shutdown, too many connections
        }
        return switch (state) {
            case "53100" -> Optional.of(DISK_FULL);             // disk_full
            case "25006" -> Optional.of(READ_ONLY);             // read_only_sql_transaction (a standby)
            case "58030" -> Optional.of(IO_ERROR);              // io_error
            case "XX001", "XX002" -> Optional.of(CORRUPT);      // data_corrupted, index_corrupted
            default -> Optional.empty();
        };
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
