package id.orqestra.cloud.platform.web;

import id.orqestra.model.api.Problem;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/** Builds {@code application/problem+json} responses. */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.of(Problem.MEDIA_TYPE);

    private Problems() {
    }

    public static MutableHttpResponse<Problem> of(HttpStatus status, String title, String detail) {
        return HttpResponse.<Problem>status(status)
                .contentType(PROBLEM_JSON)
                .body(new Problem("about:blank", title, status.getCode(), detail));
    }
}
