package id.orqestra.cloud.bench;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The baseline of {@code ./orqestra bench ingest}: same server, same body, same thread model as the
 * webhook endpoint, but answers 200 without checking or storing anything. Exists only when the bench
 * switches it on.
 */
@io.swagger.v3.oas.annotations.Hidden
@Controller("/bench")
@Requires(property = "orqestra.bench.enabled", value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BareEndpoint {

    @Post(uri = "/ok", produces = MediaType.TEXT_PLAIN)
    @Consumes(MediaType.ALL)
    public HttpResponse<String> ok(@Body @Nullable byte[] body) {
        return HttpResponse.ok("OK");
    }
}
