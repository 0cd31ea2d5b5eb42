package gov.dadukou.guidance.store;

/**
 * The storage under the database failed: the file cannot be written, is corrupt, the disk is full or
 * returned an I/O error. The message names the file, the fault and what the operator should do; it
 * carries no personal data. At start-up this is an exit code 2; at run time the request is a 503 and
 * {@code /health} reports the database until a write succeeds again.
 */
public final class StorageFaultException extends StoreException {
    private final String location;
    private final StorageFault fault;

    public StorageFaultException(java.nio.file.Path file, StorageFault fault, Throwable cause) {
        this(file.toString(), fault, cause);
    }

    /** {@code location}: the database file, or the PostgreSQL URL without credentials. */
    public StorageFaultException(String location, StorageFault fault, Throwable cause) {
        super(fault.describe(location) + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")")
                + "。处理办法 / what to do: " + fault.advice(), cause);
        this.location = location;
        this.fault = fault;
    }

    /** The database file, or the PostgreSQL URL without credentials. */
    public String location() {
        return location;
    }

    public StorageFault fault() {
        return fault;
    }
}
