package id.orqestra.desktop.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A request to the Orqestra server that did not work, already put into words: {@link #getMessage()}
 * is the server's {@code detail} sentence when it sent one, or our own sentence for failures that
 * never reached it. The technical cause, if any, is for the log only.
 */
public final class ApiException extends Exception {

    /** What kind of failure, coarse enough for a view model to react differently. */
    public enum Kind {
        /** No connection could be made. */
        UNREACHABLE,
        /** The server took too long. */
        TIMED_OUT,
        /** The sign-in is over (refresh refused); the person must sign in again. */
        SIGNED_OUT,
        /** 403: the role does not allow it. */
        FORBIDDEN,
        /** 404. */
        NOT_FOUND,
        /** 409: a duplicate or a rule about the current state. */
        CONFLICT,
        /** 400 or 422: something in the request must be corrected. */
        INVALID,
        /** 413: the body (an uploaded file) is larger than the server takes. */
        TOO_LARGE,
        /** 415: the server does not take this type of file. */
        UNSUPPORTED_TYPE,
        /** 429. */
        THROTTLED,
        /** 3xx: the address sends requests elsewhere; the app does not follow (see {@link #redirectTarget()}). */
        REDIRECTED,
        /** 5xx. */
        SERVER_ERROR,
        /** An answer we could not understand (not Orqestra, or a bug). */
        UNEXPECTED_ANSWER,
        /** The waiting thread was interrupted. */
        INTERRUPTED
    }

    private final Kind kind;
    private final int status;
    private final String title;
    private final String serverDetail;
    private final String redirectTarget;

    public ApiException(Kind kind, int status, String title, String message, Throwable cause) {
        this(kind, status, title, message, null, null, cause);
    }

    /**
     * {@code serverDetail}: the problem's own {@code detail} sentence, when the server sent one (the
     * message may wrap it); {@code redirectTarget}: the {@code Location} of a redirect.
     */
    public ApiException(Kind kind, int status, String title, String message, String serverDetail, String redirectTarget,
                        Throwable cause) {
        super(Objects.requireNonNull(message), cause);
        this.kind = Objects.requireNonNull(kind);
        this.status = status;
        this.title = title == null ? "" : title;
        this.serverDetail = serverDetail;
        this.redirectTarget = redirectTarget;
    }

    public ApiException(Kind kind, int status, String title, String message) {
        this(kind, status, title, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when no answer arrived. */
    public int status() {
        return status;
    }

    /** The problem's short title, e.g. "Conflict"; may be empty. */
    public String title() {
        return title;
    }

    /** The server's own sentence ({@code detail} of its problem+json), if it sent one. */
    public Optional<String> serverDetail() {
        return Optional.ofNullable(serverDetail);
    }

    /** Where a redirect pointed, if this is one and it said. */
    public Optional<String> redirectTarget() {
        return Optional.ofNullable(redirectTarget);
    }

    /** True when the server was not reached or did not answer, so trying again later may help. */
    public boolean isConnectionProblem() {
        return kind == Kind.UNREACHABLE || kind == Kind.TIMED_OUT;
    }
}
