package id.orqestra.cloud.meta;

import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.model.inbox.Platform;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook door over real HTTP: handshake, signatures, size limit, journaling before the 200. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetaWebhookEndpointTest extends BackendTest {

    static final String PHONE_NUMBER_ID = "990000000000001";
    static final String WABA_ID = "990000000000002";

    @BeforeAll
    void channel() {
        long org = organizations.organization("Endpoint Test", "endpoint-test");
        organizations.whatsApp(org, WABA_ID, PHONE_NUMBER_ID, "token");
    }

    static String text(String wamid, String body) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Tess"},"wa_id":"6281200000001"}],
                "messages":[{"from":"6281200000001","id":"%s","timestamp":"1764700000","type":"text","text":{"body":"%s"}}]}}]}]}
                """.formatted(WABA_ID, PHONE_NUMBER_ID, wamid, body);
    }

    private HttpResponse<String> handshake(String path, String query) {
        return send(HttpRequest.newBuilder(baseUri().resolve(path + query)).GET().build());
    }

    @Test
    void handshakeEchoesTheChallengeAsPlainTextWhenTheTokenMatches() {
        for (String path : new String[] {"/webhooks/whatsapp", "/webhooks/instagram"}) {
            HttpResponse<String> ok = handshake(path, "?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1158201444");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("1158201444");
            assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        }
    }

    @Test
    void handshakeRefusesAWrongTokenOrMode() {
        assertThat(handshake("/webhooks/whatsapp", "?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=42").statusCode())
                .isEqualTo(403);
        assertThat(handshake("/webhooks/instagram", "?hub.mode=unsubscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=42")
                .statusCode()).isEqualTo(403);
        assertThat(handshake("/webhooks/whatsapp", "").statusCode()).isEqualTo(403);
    }

    @Test
    void handshakeWithTheRightTokenButNoChallengeSaysTheChallengeIsMissing() {
        for (String path : new String[] {"/webhooks/whatsapp", "/webhooks/instagram"}) {
            HttpResponse<String> missing = handshake(path, "?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN);
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(missing.body()).contains("hub.challenge is missing").doesNotContain("hub.verify_token");
        }
    }

    @Test
    void aCorrectlySignedBodyIsJournaledByteForByteBeforeThe200() {
        byte[] body = text("wamid.endpoint-journal", "hello").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = postSigned(Platform.WHATSAPP, body);
        assertThat(response.statusCode()).isEqualTo(200);
        // the row is there as soon as the answer is: it was committed first
        byte[] stored = jdbi.withHandle(h -> h.createQuery("SELECT body FROM webhook_journal ORDER BY id DESC LIMIT 1")
                .mapTo(byte[].class).one());
        assertThat(stored).isEqualTo(body);
    }

    @Test
    void aMissingWrongOrStaleSignatureIsRefusedAndNothingIsStored() {
        byte[] body = text("wamid.endpoint-refused", "should not be stored").getBytes(StandardCharsets.UTF_8);
        int before = count("SELECT count(*) FROM webhook_journal");

        assertThat(post(Platform.WHATSAPP, body, null).statusCode()).isEqualTo(401);
        assertThat(post(Platform.WHATSAPP, body, WebhookSignature.sign(body, "another-secret".getBytes())).statusCode())
                .isEqualTo(401);
        // the Instagram app's secret does not sign WhatsApp webhooks
        assertThat(post(Platform.WHATSAPP, body, WebhookSignature.sign(body, secretOf(Platform.INSTAGRAM))).statusCode())
                .isEqualTo(401);
        byte[] changed = Arrays.copyOf(body, body.length);
        changed[changed.length / 2] ^= 1;
        assertThat(post(Platform.WHATSAPP, changed, WebhookSignature.sign(body, secretOf(Platform.WHATSAPP))).statusCode())
                .isEqualTo(401);
        assertThat(post(Platform.WHATSAPP, body, "sha256=not-hex").statusCode()).isEqualTo(401);

        HttpResponse<String> refused = post(Platform.WHATSAPP, body, null);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        assertThat(refused.body()).contains("X-Hub-Signature-256");
        assertThat(count("SELECT count(*) FROM webhook_journal")).isEqualTo(before);
    }

    @Test
    void theSignatureIsCheckedOverTheRawBytesAsMetaEscapesThem() {
        // Meta sends non-ASCII escaped; a server that re-serialised the JSON would sign different bytes
        String escaped = text("wamid.endpoint-escaped", "Hello\\u2019s \\ud83d\\ude00");
        byte[] raw = escaped.getBytes(StandardCharsets.UTF_8);
        String reSerialised = escaped.replace("\\u2019", "\u2019").replace("\\ud83d\\ude00", "\ud83d\ude00");

        assertThat(postSigned(Platform.WHATSAPP, raw).statusCode()).isEqualTo(200);
        assertThat(post(Platform.WHATSAPP, raw,
                WebhookSignature.sign(reSerialised.getBytes(StandardCharsets.UTF_8), secretOf(Platform.WHATSAPP))).statusCode())
                .isEqualTo(401);

        awaitJournalDrained();
        String stored = jdbi.withHandle(h -> h.createQuery(
                "SELECT content->>'body' FROM messages WHERE provider_message_id = 'wamid.endpoint-escaped'").mapTo(String.class).one());
        assertThat(stored).isEqualTo("Hello\u2019s \ud83d\ude00");
    }

    @Test
    void aBodyOfThreeMegabytesIsAcceptedAndOneByteMoreIsRefusedWith413() {
        String prefix = text("wamid.endpoint-large", "");
        int padding = MetaWebhookController.MAX_BODY_BYTES - prefix.getBytes(StandardCharsets.UTF_8).length;
        String exactly = prefix.replace("\"body\":\"\"", "\"body\":\"" + "x".repeat(padding) + "\"");
        byte[] atLimit = exactly.getBytes(StandardCharsets.UTF_8);
        assertThat(atLimit).hasSize(MetaWebhookController.MAX_BODY_BYTES);
        int before = count("SELECT count(*) FROM webhook_journal");

        byte[] overLimit = Arrays.copyOf(atLimit, atLimit.length + 1);
        overLimit[overLimit.length - 1] = ' ';
        HttpResponse<String> tooLarge = postSigned(Platform.WHATSAPP, overLimit);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("3 MB");
        assertThat(count("SELECT count(*) FROM webhook_journal")).isEqualTo(before);

        assertThat(postSigned(Platform.WHATSAPP, atLimit).statusCode()).isEqualTo(200);
        awaitJournalDrained();
        assertThat(count("SELECT length(content->>'body') FROM messages WHERE provider_message_id = 'wamid.endpoint-large'"))
                .isEqualTo(padding);
    }

    @Test
    void aSignedBodyThatIsNotJsonIsAcknowledgedAndKeptAsMalformed() {
        byte[] garbage = "this is not { json".getBytes(StandardCharsets.UTF_8);
        assertThat(postSigned(Platform.INSTAGRAM, garbage).statusCode()).isEqualTo(200);
        awaitJournalDrained();
        var row = jdbi.withHandle(h -> h.createQuery(
                        "SELECT state, last_error, body FROM webhook_journal ORDER BY id DESC LIMIT 1")
                .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2), rs.getBytes(3)}).one());
        assertThat(row[0]).isEqualTo("malformed");
        assertThat((String) row[1]).isNotBlank();
        assertThat((byte[]) row[2]).isEqualTo(garbage);
    }

    @Test
    void theSamePostTwiceStoresOneMessage() {
        byte[] body = text("wamid.endpoint-twice", "only once please").getBytes(StandardCharsets.UTF_8);
        assertThat(postSigned(Platform.WHATSAPP, body).statusCode()).isEqualTo(200);
        assertThat(postSigned(Platform.WHATSAPP, body).statusCode()).isEqualTo(200);
        awaitJournalDrained();
        assertThat(count("SELECT count(*) FROM messages WHERE provider_message_id = 'wamid.endpoint-twice'")).isEqualTo(1);
        assertThat(count("""
                SELECT count(*) FROM change_events WHERE type = 'message.upserted'
                   AND payload->'message'->>'providerMessageId' = 'wamid.endpoint-twice'""")).isEqualTo(1);
        assertThat(count("SELECT unread_count FROM conversations c JOIN messages m ON m.conversation_id = c.id "
                + "WHERE m.provider_message_id = 'wamid.endpoint-twice'")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aCustomersTextHoldingTheNulCharacterStillReachesTheInbox() {
        // JSON allows the escape; PostgreSQL text cannot hold the character, so it arrives as U+FFFD
        String body = text("wamid.endpoint-nul", "kopi\\u0000susu");
        assertThat(postSigned(Platform.WHATSAPP, body).statusCode()).isEqualTo(200);
        awaitJournalDrained();
        assertThat(count("SELECT count(*) FROM messages WHERE provider_message_id = 'wamid.endpoint-nul' "
                + "AND content::text LIKE '%kopi\uFFFDsusu%'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM webhook_journal WHERE state <> 'done' AND body = ?",
                (Object) body.getBytes(StandardCharsets.UTF_8))).isZero();
    }

    @Test
    void aChangeForAnAccountNobodyOwnsIsKeptAsUnrouted() {
        String body = text("wamid.endpoint-nobody", "who owns me?").replace(PHONE_NUMBER_ID, "123456789000999");
        assertThat(postSigned(Platform.WHATSAPP, body).statusCode()).isEqualTo(200);
        awaitJournalDrained();
        assertThat(count("SELECT count(*) FROM unrouted_changes WHERE account_id = '123456789000999' "
                + "AND route_kind = 'WHATSAPP_PHONE_NUMBER' AND raw->'value'->'messages'->0->>'id' = 'wamid.endpoint-nobody'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM messages WHERE provider_message_id = 'wamid.endpoint-nobody'")).isZero();
        assertThat(count("SELECT count(*) FROM webhook_journal WHERE state = 'done' AND body = ?",
                (Object) body.getBytes(StandardCharsets.UTF_8))).isEqualTo(1);
    }
}
