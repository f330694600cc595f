package id.orqestra.desktop.auth;

import java.util.Objects;

/**
 * A sign-in that did not work, already put into words for the person at the keyboard: a short
 * {@link #title()} and a {@link #getMessage() sentence} saying what happened and what to do. The
 * technical cause, when there is one, is kept for the log only.
 */
public final class SignInException extends Exception {

    /** Why sign-in failed, coarse enough for a person and for tests to tell the cases apart. */
    public enum Reason {
        UNREACHABLE("Can't reach the server"),
        TIMED_OUT("The server did not answer"),
        SECURE_CONNECTION_FAILED("Secure connection failed"),
        WRONG_CREDENTIALS("Wrong email or password"),
        ACCOUNT_BLOCKED("Sign-in not allowed"),
        TOO_MANY_ATTEMPTS("Too many attempts"),
        REDIRECTED("The server has moved"),
        REJECTED("Sign-in refused"),
        SERVER_ERROR("Server problem"),
        NOT_ORQESTRA("Not an Orqestra server"),
        INTERRUPTED("Sign-in stopped");

        private final String title;

        Reason(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final Reason reason;

    public SignInException(Reason reason, String message) {
        this(reason, message, null);
    }

    public SignInException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(message), cause);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }

    /** A few words for a heading above the message. */
    public String title() {
        return reason.title();
    }
}
