package id.orqestra.cloud.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.meta.MetaSettings;
import id.orqestra.cloud.platform.json.Json;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Graph API writes, with the answer sorted into what the sender can act on: accepted, refused with
 * Meta's error, not reached (the connection never opened — safe to send again), or uncertain (the
 * request may have been written and Meta may have acted on it — never sent again blindly).
 */
@Singleton
public class GraphSender {

    /** Which Graph host a request goes to. */
    public enum Api { WHATSAPP, INSTAGRAM }

    public sealed interface Outcome {
    }

    public record Accepted(int httpStatus, JsonNode body) implements Outcome {
    }

    /** Meta answered with an error envelope (or an error status without one). */
    public record Refused(int httpStatus, Integer code, Integer subcode, String type, String message, String details,
                          String fbtraceId) implements Outcome {
        /** Meta's message, without its "(#code)" prefix, and the details when there are some. */
        public String text() {
            String base = message == null ? null : message.replaceFirst("^\\(#\\d+\\)\\s*", "");
            return details != null && !details.isBlank() ? (base == null ? details : base + ": " + details) : base;
        }
    }

    public record NotReached(String reason) implements Outcome {
    }

    public record Uncertain(String reason) implements Outcome {
    }

    private final MetaSettings settings;
    private final HttpClient http;
    private final Duration requestTimeout;

    public GraphSender(MetaSettings settings,
                       @Value("${orqestra.outbound.request-timeout:30s}") Duration requestTimeout) {
        this.settings = settings;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    public String url(Api api, String path) {
        return api == Api.WHATSAPP ? settings.graphUrl(path) : settings.instagramGraphUrl(path);
    }

    /** A JSON request (body may be null, e.g. for DELETE or a POST carrying only query parameters). */
    public Outcome send(Api api, String method, String path, String token, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(api, path)))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return exchange(request.build());
    }

    /** WhatsApp's media upload: {@code POST /{phone-number-id}/media} as multipart form data. */
    public Outcome uploadMedia(String phoneNumberId, String token, byte[] bytes, String mimeType, String filename) {
        String boundary = "orqestra-" + UUID.randomUUID();
        ByteArrayOutputStream form = new ByteArrayOutputStream(bytes.length + 512);
        writeField(form, boundary, "messaging_product", "whatsapp");
        writeField(form, boundary, "type", mimeType);
        String name = filename == null ? "file" : filename.replaceAll("[\"\\r\\n]", "_");
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: " + mimeType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.writeBytes(bytes);
        form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.graphUrl(phoneNumberId + "/media")))
                .timeout(requestTimeout.plusSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
                .build();
        return exchange(request);
    }

    /** A GET (template pages); {@code absoluteUrl} is a full paging link or null for {@code path}. */
    public Outcome get(Api api, String path, String absoluteUrl, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(absoluteUrl != null ? absoluteUrl : url(api, path)))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return exchange(request);
    }

    private static void writeField(ByteArrayOutputStream form, String boundary, String name, String value) {
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private Outcome exchange(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return new NotReached(describe(e));
        } catch (IOException e) {
            if (rootCause(e) instanceof UnresolvedAddressException || rootCause(e) instanceof java.net.UnknownHostException) {
                return new NotReached(describe(e));
            }
            return new Uncertain(describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Uncertain("interrupted while waiting for Meta's answer");
        } catch (IllegalArgumentException e) {
            return new NotReached("bad request address: " + e.getMessage());
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        JsonNode error = body == null ? null : body.path("error");
        if (status / 100 == 2 && (error == null || !error.isObject())) {
            return new Accepted(status, body);
        }
        if (error != null && error.isObject()) {
            return new Refused(status, error.hasNonNull("code") ? error.get("code").asInt() : null,
                    error.hasNonNull("error_subcode") ? error.get("error_subcode").asInt() : null,
                    error.path("type").asText(null), error.path("message").asText(null),
                    error.path("error_data").path("details").asText(null), error.path("fbtrace_id").asText(null));
        }
        return new Refused(status, null, null, null, "Graph API answered HTTP " + status, null, null);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String describe(Throwable e) {
        Throwable root = rootCause(e);
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return e.getClass().getSimpleName() + ": " + message;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
