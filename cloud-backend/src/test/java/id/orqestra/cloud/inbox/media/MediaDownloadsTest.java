package id.orqestra.cloud.inbox.media;

import id.orqestra.cloud.demo.simulator.MetaSimulator;
import id.orqestra.cloud.platform.media.MediaStorage;
import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.model.inbox.Platform;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Media is copied from a local Graph API stand-in into our storage, retried when Meta stumbles, and marked when it cannot be had. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaDownloadsTest extends BackendTest {

    static final String PHONE_NUMBER_ID = "990000000000401";
    static final String IG_ACCOUNT = "17841000000990401";
    static final MetaSimulator SIMULATOR = MetaSimulator.start(0, "v23.0", Set.of("wa-channel-token"));

    @Inject
    MediaStorage storage;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orqestra.meta.graph-base-url", SIMULATOR.baseUri().toString(),
                "orqestra.media.first-retry-delay", "200ms",
                "orqestra.media.max-attempts", "3");
    }

    @BeforeAll
    void channels() {
        long org = organizations.organization("Media Test", "media-test");
        organizations.whatsApp(org, "990000000000402", PHONE_NUMBER_ID, "wa-channel-token");
        organizations.instagram(org, IG_ACCOUNT, "ig-channel-token");
    }

    @AfterAll
    void stopSimulator() {
        SIMULATOR.close();
    }

    static String image(String wamid, String mediaId) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"990000000000402","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Photo Sender"},"wa_id":"6281600000001"}],
                "messages":[{"from":"6281600000001","id":"%s","timestamp":"1764700000","type":"image",
                "image":{"caption":"the dent on the box","mime_type":"image/jpeg","sha256":"abc","id":"%s"}}]}}]}]}
                """.formatted(PHONE_NUMBER_ID, wamid, mediaId);
    }

    private String mediaState(String providerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT media_state FROM messages WHERE provider_message_id = :id")
                .bind("id", providerId).mapTo(String.class).findOne().orElse(null));
    }

    private byte[] stored(String providerId) throws Exception {
        String key = jdbi.withHandle(h -> h.createQuery("SELECT media_key FROM messages WHERE provider_message_id = :id")
                .bind("id", providerId).mapTo(String.class).one());
        try (InputStream in = storage.open(key).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    @Test
    void whatsAppMediaIsFetchedInTwoStepsWithTheChannelTokenAndStored() throws Exception {
        byte[] photo = "pretend this is a jpeg".getBytes(StandardCharsets.UTF_8);
        SIMULATOR.putMedia("media-ok-1", photo, "image/jpeg");
        postSigned(Platform.WHATSAPP, image("wamid.media-ok", "media-ok-1"));
        await().atMost(Duration.ofSeconds(15)).until(() -> "STORED".equals(mediaState("wamid.media-ok")));

        assertThat(stored("wamid.media-ok")).isEqualTo(photo);
        var requests = SIMULATOR.received().stream().filter(r -> r.path().contains("media-ok-1")).toList();
        assertThat(requests).extracting(MetaSimulator.ReceivedRequest::path)
                .containsExactly("/v23.0/media-ok-1", "/media-files/media-ok-1");
        assertThat(requests).allSatisfy(r ->
                assertThat(r.headers().get("Authorization")).containsExactly("Bearer wa-channel-token"));
        assertThat(count("""
                SELECT count(*) FROM change_events WHERE type = 'message.upserted'
                   AND payload->'message'->>'providerMessageId' = 'wamid.media-ok'
                   AND payload->'message'->>'mediaState' = 'STORED'""")).isEqualTo(1);
    }

    @Test
    void aPassingFailureIsRetried() {
        SIMULATOR.failNext("media-flaky-1", 503, 1);
        postSigned(Platform.WHATSAPP, image("wamid.media-flaky", "media-flaky-1"));
        await().atMost(Duration.ofSeconds(15)).until(() -> "STORED".equals(mediaState("wamid.media-flaky")));
    }

    @Test
    void mediaThatCannotBeHadIsMarkedFailedAndTheMessageStays() {
        SIMULATOR.failNext("media-gone-1", 404, 100);
        postSigned(Platform.WHATSAPP, image("wamid.media-gone", "media-gone-1"));
        await().atMost(Duration.ofSeconds(15)).until(() -> "FAILED".equals(mediaState("wamid.media-gone")));
        assertThat(count("SELECT count(*) FROM messages WHERE provider_message_id = 'wamid.media-gone' "
                + "AND content->>'caption' = 'the dent on the box'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM media_downloads d JOIN messages m ON m.id = d.message_id "
                + "WHERE m.provider_message_id = 'wamid.media-gone' AND d.state = 'failed' AND d.last_error IS NOT NULL")).isEqualTo(1);
    }

    @Test
    void aDownloadThatCannotConnectSaysWhyInASentence() {
        String body = """
                {"object":"instagram","entry":[{"time":1764700000000,"id":"%s","messaging":[{"sender":{"id":"9900000002"},
                "recipient":{"id":"%s"},"timestamp":1764700000000,"message":{"mid":"ig-mid-unreachable-1",
                "attachments":[{"type":"image","payload":{"url":"http://127.0.0.1:1/unreachable.jpg"}}]}}]}]}
                """.formatted(IG_ACCOUNT, IG_ACCOUNT);
        postSigned(Platform.INSTAGRAM, body);
        await().atMost(Duration.ofSeconds(15)).until(() -> "FAILED".equals(mediaState("ig-mid-unreachable-1")));
        String reason = jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.last_error FROM media_downloads d JOIN messages m ON m.id = d.message_id
                         WHERE m.provider_message_id = 'ig-mid-unreachable-1'
                        """).mapTo(String.class).one());
        assertThat(reason).isNotBlank().isNotEqualTo("null").startsWith("127.0.0.1 could not be reached");
    }

    @Test
    void aFailureWithoutAMessageStillGetsASentence() {
        assertThat(MediaDownloads.failureReason(new java.net.ConnectException(), "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1"))
                .isEqualTo("lookaside.fbsbx.com could not be reached.");
        assertThat(MediaDownloads.failureReason(new java.io.IOException(new java.nio.channels.UnresolvedAddressException()),
                "https://lookaside.fbsbx.com/x")).isEqualTo("lookaside.fbsbx.com could not be found.");
        assertThat(MediaDownloads.failureReason(new java.net.http.HttpTimeoutException("request timed out"), null))
                .isEqualTo("The download from the media server timed out: request timed out");
    }

    @Test
    void instagramAttachmentsAreDownloadedFromTheirLinkWithoutAToken() throws Exception {
        byte[] picture = "instagram picture bytes".getBytes(StandardCharsets.UTF_8);
        SIMULATOR.putMedia("ig-asset-1", picture, "image/jpeg");
        String body = """
                {"object":"instagram","entry":[{"time":1764700000000,"id":"%s","messaging":[{"sender":{"id":"9900000001"},
                "recipient":{"id":"%s"},"timestamp":1764700000000,"message":{"mid":"ig-mid-media-1",
                "attachments":[{"type":"image","payload":{"url":"%s"}}]}}]}]}
                """.formatted(IG_ACCOUNT, IG_ACCOUNT, SIMULATOR.cdnUrl("ig-asset-1"));
        postSigned(Platform.INSTAGRAM, body);
        await().atMost(Duration.ofSeconds(15)).until(() -> "STORED".equals(mediaState("ig-mid-media-1")));
        assertThat(stored("ig-mid-media-1")).isEqualTo(picture);
        assertThat(SIMULATOR.received().stream().filter(r -> r.path().equals("/cdn/ig-asset-1")).toList())
                .allSatisfy(r -> assertThat(r.headers().get("Authorization")).isNull());
    }
}
