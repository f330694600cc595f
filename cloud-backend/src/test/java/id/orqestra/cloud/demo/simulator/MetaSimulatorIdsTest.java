package id.orqestra.cloud.demo.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.platform.json.Json;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's ids never repeat across starts, as Meta's do not: the demo keeps its database when
 * it restarts, and an id handed out again collided with the message that already held it.
 */
class MetaSimulatorIdsTest {

    private static final String TOKEN = "simulator-ids-token-0000000";
    private static final String PHONE = "471209385610274";
    private static final String IG_ACCOUNT = "17841000009900001";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theFirstMessageOfEachStartGetsADifferentIdOfMetasShape() throws Exception {
        String first;
        String second;
        try (MetaSimulator simulator = started()) {
            first = whatsAppSend(simulator);
        }
        try (MetaSimulator restarted = started()) {
            second = whatsAppSend(restarted);
        }
        assertThat(first).isNotEqualTo(second);
        for (String wamid : new String[] {first, second}) {
            assertThat(wamid).startsWith("wamid.HBgL");
            String decoded = new String(Base64.getDecoder().decode(wamid.substring("wamid.HBgL".length())),
                    StandardCharsets.UTF_8);
            assertThat(decoded).matches(PHONE + ":6285722140987:[0-9A-F]{18}");
        }
    }

    @Test
    void instagramIdsDifferBetweenStartsToo() throws Exception {
        String first;
        String second;
        try (MetaSimulator simulator = started()) {
            first = instagramSend(simulator);
        }
        try (MetaSimulator restarted = started()) {
            second = instagramSend(restarted);
        }
        assertThat(first).startsWith("aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOj").isNotEqualTo(second);
    }

    private static MetaSimulator started() {
        MetaSimulator simulator = MetaSimulator.start(0, "v23.0", Set.of(TOKEN))
                .addWhatsAppNumber(PHONE, "471209385610001", "15550009900")
                .addInstagramAccount(IG_ACCOUNT);
        simulator.statusWebhooks(false);
        return simulator;
    }

    private String whatsAppSend(MetaSimulator simulator) throws Exception {
        JsonNode answer = post(simulator, PHONE, """
                {"messaging_product":"whatsapp","to":"6285722140987","type":"text","text":{"body":"Halo"}}""");
        return answer.path("messages").get(0).path("id").asText();
    }

    private String instagramSend(MetaSimulator simulator) throws Exception {
        JsonNode answer = post(simulator, IG_ACCOUNT, """
                {"recipient":{"id":"990770000001"},"message":{"text":"Halo"}}""");
        return answer.path("message_id").asText();
    }

    private JsonNode post(MetaSimulator simulator, String account, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(simulator.baseUri() + "/v23.0/" + account + "/messages"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.read(response.body(), JsonNode.class);
    }
}
