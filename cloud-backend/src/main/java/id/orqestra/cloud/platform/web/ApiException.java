package id.orqestra.cloud.platform.web;

import io.micronaut.http.HttpStatus;

/**
 * An error a client caused or can act on. Rendered as {@code application/problem+json} with
 * {@code detail} as the sentence shown to the person.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private Long retryAfterSeconds;

    public ApiException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Adds {@code Retry-After}: how many seconds the client should wait before trying again. */
    public ApiException retryAfter(long seconds) {
        this.retryAfterSeconds = Math.max(1, seconds);
        return this;
    }

    /** The {@code Retry-After} seconds, or null when the client may try again at once. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "Not allowed", detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "Not signed in", detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", detail);
    }
}
