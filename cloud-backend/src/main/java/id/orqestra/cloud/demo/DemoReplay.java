package id.orqestra.cloud.demo;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.meta.WebhookSignature;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.model.inbox.Platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Sends sample payloads to a backend's webhook endpoints the way Meta does: signed with the app
 * secret, one POST per payload, at a steady pace, with timestamps moved so the latest is "now".
 */
public final class DemoReplay {

    /** What happened to one payload. */
    public record Delivery(String sample, int status) {
    }

    private final URI baseUri;
    private final Function<Platform, byte[]> secrets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public DemoReplay(URI baseUri, Function<Platform, byte[]> secrets) {
        this.baseUri = baseUri;
        this.secrets = secrets;
    }

    /** Posts every sample in order, {@code interval} apart; returns the HTTP status of each. */
    public List<Delivery> replay(List<SampleLibrary.Sample> samples, Duration interval, Instant now)
            throws IOException, InterruptedException {
        List<JsonNode> parsed = new ArrayList<>();
        long latest = 0;
        for (SampleLibrary.Sample sample : samples) {
            JsonNode tree = tryParse(sample.body());
            parsed.add(tree);
            if (tree != null) {
                latest = Math.max(latest, TimestampShifter.latestSeconds(tree));
            }
        }
        Duration shift = latest == 0 ? Duration.ZERO : Duration.ofSeconds(now.getEpochSecond() - latest);
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            SampleLibrary.Sample sample = samples.get(i);
            JsonNode tree = parsed.get(i);
            String body = sample.body();
            if (tree != null) {
                TimestampShifter.shift(tree, shift);
                body = Json.write(tree);
            }
            deliveries.add(new Delivery(sample.name(), post(sample.platform(), body.getBytes(StandardCharsets.UTF_8))));
            if (!interval.isZero()) {
                Thread.sleep(interval.toMillis());
            }
        }
        return deliveries;
    }

    public int post(Platform platform, byte[] body) throws IOException, InterruptedException {
        String path = platform == Platform.WHATSAPP ? "webhooks/whatsapp" : "webhooks/instagram";
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(body, secrets.apply(platform)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode tryParse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
