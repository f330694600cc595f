package id.orqestra.cloud.platform.web;

import id.orqestra.model.api.Problem;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.stream.Collectors;

/**
 * Turns the framework's own errors (unknown route, wrong method, unreadable body, too large, failed
 * validation) into {@code application/problem+json}, like every error our code raises.
 */
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    @NonNull
    public MutableHttpResponse<Problem> processResponse(@NonNull ErrorContext errorContext,
                                                        @NonNull MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        String detail = errorContext.getErrors().stream()
                .map(Error::getMessage)
                .filter(m -> m != null && !m.isBlank())
                .collect(Collectors.joining("; "));
        if (detail.isBlank()) {
            detail = status.getReason();
        }
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            detail = "The request body is too large. " + detail;
        }
        Problem problem = new Problem("about:blank", status.getReason(), status.getCode(), detail);
        return response.contentType(Problems.PROBLEM_JSON).body(problem);
    }
}
