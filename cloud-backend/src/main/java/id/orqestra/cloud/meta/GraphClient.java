package id.orqestra.cloud.meta;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.platform.json.Json;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls to Meta's Graph API over HTTP. Errors come back as {@link GraphException} with Meta's error
 * code when the answer carried one, so callers can tell a permanent refusal from a passing fault.
 */
@Singleton
public class GraphClient {

    private final MetaSettings settings;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    public GraphClient(MetaSettings settings) {
        this.settings = settings;
    }

    /** A failed Graph call: HTTP status, Meta's error code if any, and its message. */
    public static final class GraphException extends IOException {
        private final int httpStatus;
        private final Integer code;

        public GraphException(int httpStatus, Integer code, String message) {
            super(message);
            this.httpStatus = httpStatus;
            this.code = code;
        }

        public int httpStatus() {
            return httpStatus;
        }

        public Integer code() {
            return code;
        }

        /** 4xx other than rate limits will not succeed by trying again. */
        public boolean permanent() {
            return httpStatus >= 400 && httpStatus < 500 && httpStatus != 429
                    && (code == null || (code != 4 && code != 80007 && code != 130429 && code != 131056));
        }
    }

    /** GET a Graph path (e.g. a media id) with the channel's token, as JSON. */
    public JsonNode getJson(String path, String accessToken) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.graphUrl(path)))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + accessToken)
                .GET()
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw failure(response.statusCode(), body);
        }
        return body;
    }

    /**
     * Downloads a file, with the token when given (WhatsApp media URLs need it; Instagram CDN links do
     * not). Refuses files larger than {@code maxBytes}.
     */
    public Download download(String url, String accessToken, long maxBytes) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw failure(response.statusCode(), parse(in.readNBytes(64 * 1024)));
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new GraphException(413, null, "The file is larger than " + (maxBytes / (1024 * 1024)) + " MB");
            }
            String type = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
            return new Download(bytes, type);
        }
    }

    public record Download(byte[] bytes, String contentType) {
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    static GraphException failure(int status, JsonNode body) {
        JsonNode error = body == null ? null : body.path("error");
        if (error != null && error.isObject()) {
            Integer code = error.hasNonNull("code") ? error.get("code").asInt() : null;
            String message = error.path("message").asText("Graph API error");
            String details = error.path("error_data").path("details").asText("");
            return new GraphException(status, code, details.isEmpty() ? message : message + ": " + details);
        }
        return new GraphException(status, null, "Graph API answered HTTP " + status);
    }
}
