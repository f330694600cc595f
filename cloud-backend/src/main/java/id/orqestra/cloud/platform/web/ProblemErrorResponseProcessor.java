package id.orqestra.cloud.platform.web;

import id.orqestra.model.api.Problem;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.stream.Collectors;

/**
 * Turns the framework's own errors (unknown route, wrong method, unreadable body, too large, failed
 * conversion) into {@code application/problem+json}, like every error our code raises, with a
 * sentence from {@link RequestErrorSentences} in place of the framework's wording.
 */
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    public static final String SERVER_FAILURE = "Something went wrong on the server. Try again; if it keeps happening, "
            + "tell your administrator.";

    private final long maxRequestSize;
    private final long maxBufferedSize;

    public ProblemErrorResponseProcessor(HttpServerConfiguration server) {
        this.maxRequestSize = server.getMaxRequestSize();
        this.maxBufferedSize = server.getMaxRequestBufferSize();
    }

    @Override
    @NonNull
    public MutableHttpResponse<Problem> processResponse(@NonNull ErrorContext errorContext,
                                                        @NonNull MutableHttpResponse<?> response) {
        Throwable cause = errorContext.getRootCause().orElse(null);
        if (cause != null && RequestErrorSentences.isUnreadableJson(cause) && !sentAsJson(errorContext)) {
            // a form or text body fails as "invalid JSON"; the honest answer is that only JSON is accepted
            response.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        }
        HttpStatus status = response.getStatus();
        String detail;
        if (status == HttpStatus.UNSUPPORTED_MEDIA_TYPE) {
            detail = "Send the request body as JSON, with Content-Type: application/json.";
        } else if (status == HttpStatus.NOT_FOUND) {
            // only the router gets here: our own "not found" errors are ApiExceptions with their own sentence
            detail = "There is nothing at this address.";
        } else {
            detail = cause == null ? null
                    : RequestErrorSentences.describe(cause, maxRequestSize, maxBufferedSize).orElse(null);
        }
        if (detail == null && status.getCode() >= 500) {
            // the framework's message for an unexpected error names classes, SQL and values: it belongs in
            // the log (the framework logs it), not in the answer
            detail = SERVER_FAILURE;
        }
        if (detail == null) {
            detail = errorContext.getErrors().stream()
                    .map(Error::getMessage)
                    .filter(m -> m != null && !m.isBlank())
                    .collect(Collectors.joining("; "));
        }
        if (detail.isBlank()) {
            detail = status.getReason() + ".";
        }
        Problem problem = new Problem("about:blank", status.getReason(), status.getCode(), detail);
        return response.contentType(Problems.PROBLEM_JSON).body(problem);
    }

    private static boolean sentAsJson(ErrorContext errorContext) {
        return errorContext.getRequest().getContentType()
                .map(type -> type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))
                .orElse(true);
    }
}
