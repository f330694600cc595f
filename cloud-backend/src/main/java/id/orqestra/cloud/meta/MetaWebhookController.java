package id.orqestra.cloud.meta;

import id.orqestra.cloud.meta.journal.JournalWorkers;
import id.orqestra.cloud.meta.journal.WebhookJournal;
import id.orqestra.cloud.platform.web.Problems;
import id.orqestra.model.inbox.Platform;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.Set;

/**
 * The only door Meta knocks on. Checks, journals, answers: the body is committed to the journal before
 * the 200, and everything else happens in the workers. Anything but a 200 to a correctly signed body
 * would make Meta retry for days, so even a body that is not JSON is journaled (and marked malformed
 * by the worker) and acknowledged.
 */
@Controller("/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MetaWebhookController {

    /** Meta's payloads are far smaller; this bounds what one request may make us store. */
    public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(MetaWebhookController.class);

    private final MetaSettings settings;
    private final WebhookJournal journal;
    private final JournalWorkers workers;
    private final Set<Platform> warnedAboutMissingSecret = EnumSet.noneOf(Platform.class);

    public MetaWebhookController(MetaSettings settings, WebhookJournal journal, JournalWorkers workers) {
        this.settings = settings;
        this.journal = journal;
        this.workers = workers;
    }

    @Get(uri = "/whatsapp", produces = MediaType.TEXT_PLAIN)
    public HttpResponse<?> verifyWhatsApp(@QueryValue("hub.mode") @Nullable String mode,
                                          @QueryValue("hub.verify_token") @Nullable String token,
                                          @QueryValue("hub.challenge") @Nullable String challenge) {
        return handshake(mode, token, challenge);
    }

    @Get(uri = "/instagram", produces = MediaType.TEXT_PLAIN)
    public HttpResponse<?> verifyInstagram(@QueryValue("hub.mode") @Nullable String mode,
                                           @QueryValue("hub.verify_token") @Nullable String token,
                                           @QueryValue("hub.challenge") @Nullable String challenge) {
        return handshake(mode, token, challenge);
    }

    @Post(uri = "/whatsapp", produces = MediaType.TEXT_PLAIN)
    @Consumes(MediaType.ALL)
    public HttpResponse<?> receiveWhatsApp(@Body @Nullable byte[] body,
                                           @Header(WebhookSignature.HEADER) @Nullable String signature) {
        return receive(Platform.WHATSAPP, body, signature);
    }

    @Post(uri = "/instagram", produces = MediaType.TEXT_PLAIN)
    @Consumes(MediaType.ALL)
    public HttpResponse<?> receiveInstagram(@Body @Nullable byte[] body,
                                            @Header(WebhookSignature.HEADER) @Nullable String signature) {
        return receive(Platform.INSTAGRAM, body, signature);
    }

    private HttpResponse<?> handshake(String mode, String token, String challenge) {
        String expected = settings.verifyToken();
        if ("subscribe".equals(mode) && expected != null && expected.equals(token)) {
            if (challenge == null || challenge.isEmpty()) {
                // the caller proved it knows the token; what is wrong is the request, not the permission
                return HttpResponse.badRequest().contentType(MediaType.TEXT_PLAIN_TYPE)
                        .body("Verification failed: hub.challenge is missing; Meta sends it with every subscription check.");
            }
            return HttpResponse.ok(challenge).contentType(MediaType.TEXT_PLAIN_TYPE);
        }
        return HttpResponse.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN_TYPE)
                .body("Verification failed: hub.mode must be 'subscribe' and hub.verify_token must match the configured token.");
    }

    private HttpResponse<?> receive(Platform platform, byte[] body, String signature) {
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > MAX_BODY_BYTES) {
            return Problems.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Payload too large",
                    "Webhook bodies are limited to 3 MB; this one has " + bytes.length + " bytes.");
        }
        byte[] secret = settings.appSecret(platform);
        if (secret == null) {
            warnOnce(platform);
            return Problems.of(HttpStatus.UNAUTHORIZED, "Signature cannot be checked",
                    "No app secret is configured for " + platform.name().toLowerCase() + " webhooks; set "
                            + settings.appSecretSetting(platform) + ".");
        }
        if (!WebhookSignature.matches(bytes, signature, secret)) {
            return Problems.of(HttpStatus.UNAUTHORIZED, "Bad signature", signature == null
                    ? "The " + WebhookSignature.HEADER + " header is missing."
                    : "The " + WebhookSignature.HEADER + " header does not match the body under the app secret.");
        }
        journal.append(platform, bytes);
        workers.wakeUp(); // this instance's workers need not wait for the NOTIFY round trip
        return HttpResponse.ok("EVENT_RECEIVED").contentType(MediaType.TEXT_PLAIN_TYPE);
    }

    private void warnOnce(Platform platform) {
        synchronized (warnedAboutMissingSecret) {
            if (warnedAboutMissingSecret.add(platform)) {
                LOG.warn("Refusing {} webhooks: no app secret configured ({})", platform, settings.appSecretSetting(platform));
            }
        }
    }
}
