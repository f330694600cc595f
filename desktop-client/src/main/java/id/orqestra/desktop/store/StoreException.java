package id.orqestra.desktop.store;

/** The local cache could not be read or written (a full disk, a damaged file, a bug of ours). */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
