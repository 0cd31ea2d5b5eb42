package gov.dadukou.guidance.store;

import java.nio.file.Path;

/**
 * Start-up refused: the data directory records that its database held data, but the database is now
 * missing or empty. Starting would silently create a fresh database, re-seed it and lose the consent
 * ledger without a word, so the operator decides instead.
 */
public final class DatabaseLostException extends StoreException {
    private final transient Path file;

    /** @param missing whether the file is gone (otherwise it is there but empty) */
    public DatabaseLostException(Path file, Path marker, boolean missing) {
        super("数据库文件" + (missing ? "不存在" : "为空") + "，但此数据目录曾有数据（见 " + marker.getFileName() + "）/ database file "
                + (missing ? "is missing" : "is empty") + " although this data directory held data before (see "
                + marker.getFileName() + "): " + file + "。处理办法 / what to do: 从备份恢复该文件；确要以空库重新开始"
                + "（同意记录等数据将丢失），请设置 ALLOW_EMPTY_DATABASE=1 启动一次，之后去掉 / restore the file from a backup; "
                + "to start afresh on purpose (the consent ledger and all other data are then gone), start once with "
                + "ALLOW_EMPTY_DATABASE=1 and remove it afterwards");
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
