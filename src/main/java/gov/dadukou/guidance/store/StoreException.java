package gov.dadukou.guidance.store;

/** The database failed (I/O, corruption, a refused statement). A server fault, never a client's. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
