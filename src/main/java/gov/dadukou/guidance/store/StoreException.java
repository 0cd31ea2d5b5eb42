package gov.dadukou.guidance.store;

/**
 * The database failed (I/O, corruption, a refused statement). A server fault, never a client's.
 * {@link StorageFaultException} is the kind an operator must fix; {@link DatabaseLostException} is a
 * start-up refused because the data should be there and is not.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
