package id.orqestra.cloud.platform.config;

/**
 * A startup problem the operator can fix, described in one sentence that names the setting involved.
 * The launcher prints just that sentence and exits.
 */
public final class StartupFailure extends RuntimeException {

    public StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public StartupFailure(String message) {
        super(message);
    }

    /** The first StartupFailure in a cause chain, or null. */
    public static StartupFailure findIn(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StartupFailure failure) {
                return failure;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
