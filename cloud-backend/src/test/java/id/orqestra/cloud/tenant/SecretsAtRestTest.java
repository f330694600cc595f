package id.orqestra.cloud.tenant;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import id.orqestra.cloud.platform.config.DataDirectory;
import id.orqestra.cloud.platform.crypto.SecretBox;
import id.orqestra.cloud.testing.ApiClient;
import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.model.tenant.BuiltInRole;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Passwords are bcrypt hashes; channel tokens are sealed in the table, never returned, never logged. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsAtRestTest extends BackendTest {

    static final String TOKEN = "EAAGsuperSecretMetaToken1234567890";

    @Inject
    SecretBox secrets;
    ApiClient api;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    long orgId;

    @BeforeAll
    void setUp() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        ((Logger) LoggerFactory.getLogger("id.orqestra")).setLevel(ch.qos.logback.classic.Level.DEBUG);
        api = new ApiClient(server.getURI());
        orgId = organizations.organization("Secrets", "secrets");
        organizations.user(orgId, "owner@secrets.test", "the owner's password", BuiltInRole.OWNER);
    }

    @AfterAll
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        String hash = jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE email = 'owner@secrets.test'")
                .mapTo(String.class).one());
        assertThat(hash).startsWith("$2").doesNotContain("the owner's password");
        assertThat(BCrypt.checkpw("the owner's password", hash)).isTrue();
    }

    @Test
    void aChannelTokenIsSealedInTheTableAbsentFromAnswersAndFromTheLog() {
        String owner = api.login("owner@secrets.test", "the owner's password");
        ApiClient.Response connected = api.post("/api/v1/channels/whatsapp", owner, Map.of(
                "name", "Main line", "businessAccountId", "840000000000001", "phoneNumberId", "840000000000002",
                "displayPhoneNumber", "+62 812 0000 0001", "accessToken", TOKEN));
        assertThat(connected.status()).isEqualTo(201);
        assertThat(connected.body()).doesNotContain(TOKEN);
        ApiClient.Response renewed = api.call("PATCH", "/api/v1/channels/" + connected.json().path("id").asLong(), owner,
                "{\"accessToken\":\"" + TOKEN + "Renewed\"}");
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.body()).doesNotContain(TOKEN);
        assertThat(api.get("/api/v1/channels", owner).body()).doesNotContain(TOKEN);
        assertThat(api.get("/api/v1/audit", owner).body()).contains("channel.connected").doesNotContain(TOKEN);

        byte[] stored = jdbi.withHandle(h -> h.createQuery("SELECT access_token_enc FROM channels WHERE wa_phone_number_id = '840000000000002'")
                .mapTo(byte[].class).one());
        String storedText = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(storedText).doesNotContain(TOKEN).doesNotContain("EAAG");
        assertThat(Base64.getEncoder().encodeToString(stored)).doesNotContain(Base64.getEncoder().encodeToString(TOKEN.getBytes()));
        assertThat(secrets.decrypt(stored)).isEqualTo(TOKEN + "Renewed");

        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(TOKEN));
    }

    @Test
    void anotherKeyCannotOpenASealedToken() throws Exception {
        byte[] sealed = secrets.encrypt(TOKEN);
        var otherDir = Files.createTempDirectory("other-key");
        SecretBox other = new SecretBox("", new DataDirectory(otherDir.toString()));
        assertThatThrownBy(() -> other.decrypt(sealed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be decrypted");
        assertThat(secrets.encrypt(TOKEN)).as("a fresh nonce every time").isNotEqualTo(sealed);
    }
}
