package id.orqestra.cloud.demo.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.orqestra.cloud.demo.DemoReplay;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.model.inbox.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Meta sends back after accepting a message: for WhatsApp, status webhooks sent → delivered →
 * read (or failed with an error code) a moment apart; for Instagram, the echo of the business's message
 * and the customer's read receipt. Posted signed, through the demo replay's own POST, and misbehaving on
 * request: every webhook twice, or the statuses in reverse order.
 */
final class StatusWebhooks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusWebhooks.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "meta-simulator-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final Random random = new Random(42);
    private final AtomicInteger posted = new AtomicInteger();
    private volatile DemoReplay target;
    volatile boolean enabled = true;
    volatile Duration sentAfter = Duration.ofMillis(300);
    volatile Duration deliveredAfter = Duration.ofMillis(900);
    volatile Duration readAfter = Duration.ofMillis(2500);
    volatile double failureRate;
    volatile int failureCode = 131026;
    volatile boolean duplicate;
    volatile boolean reorder;
    private final AtomicInteger failuresToForce = new AtomicInteger();

    void deliverTo(DemoReplay replay) {
        this.target = replay;
    }

    DemoReplay target() {
        return target;
    }

    void failNext(int count, int code) {
        failureCode = code;
        failuresToForce.set(count);
    }

    int posted() {
        return posted.get();
    }

    /** Statuses for an accepted WhatsApp message. */
    void whatsAppAccepted(String wabaId, String phoneNumberId, String displayNumber, String wamid, String to,
                          String callbackData, boolean template) {
        if (!enabled || target == null) {
            return;
        }
        boolean fails = failuresToForce.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                || (failureRate > 0 && random.nextDouble() < failureRate);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(sentAfter, "sent"));
        if (fails) {
            steps.add(new Step(deliveredAfter, "failed"));
        } else {
            steps.add(new Step(deliveredAfter, "delivered"));
            steps.add(new Step(readAfter, "read"));
        }
        List<byte[]> bodies = new ArrayList<>();
        for (Step step : steps) {
            bodies.add(whatsAppStatus(wabaId, phoneNumberId, displayNumber, wamid, to, callbackData, step.status(),
                    template));
        }
        if (reorder) {
            // all at once, newest first: the backend must still end at the furthest state
            Collections.reverse(bodies);
            long at = readAfter.toMillis();
            for (int i = 0; i < bodies.size(); i++) {
                schedule(Platform.WHATSAPP, bodies.get(i), at + i * 40L);
            }
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            schedule(Platform.WHATSAPP, bodies.get(i), steps.get(i).after().toMillis());
        }
    }

    private record Step(Duration after, String status) {
    }

    private byte[] whatsAppStatus(String wabaId, String phoneNumberId, String displayNumber, String wamid, String to,
                                  String callbackData, String status, boolean template) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject();
        entry.put("id", wabaId);
        ObjectNode change = entry.putArray("changes").addObject();
        ObjectNode value = change.putObject("value");
        change.put("field", "messages");
        value.put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", displayNumber).put("phone_number_id", phoneNumberId);
        ObjectNode s = value.putArray("statuses").addObject();
        s.put("id", wamid);
        s.put("status", status);
        s.put("timestamp", Long.toString(Instant.now().getEpochSecond()));
        s.put("recipient_id", to);
        if (callbackData != null) {
            s.put("biz_opaque_callback_data", callbackData);
        }
        if ("failed".equals(status)) {
            ArrayNode errors = s.putArray("errors");
            GraphErrors.GraphError error = GraphErrors.of(failureCode, null);
            String message = error.body().path("error").path("message").asText().replaceFirst("^\\(#\\d+\\)\\s*", "");
            ObjectNode e = errors.addObject();
            e.put("code", failureCode);
            e.put("title", message);
            e.put("message", message);
            String details = error.body().path("error").path("error_data").path("details").asText(null);
            if (details != null) {
                e.putObject("error_data").put("details", details);
            }
            e.put("href", "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/");
        } else if (!"read".equals(status)) {
            String category = template ? "utility" : "service";
            s.putObject("conversation").put("id", Integer.toHexString(wamid.hashCode()) + "c0ffee")
                    .putObject("origin").put("type", category);
            s.putObject("pricing").put("billable", template).put("pricing_model", "PMP")
                    .put("category", category).put("type", template ? "regular" : "free_customer_service");
        }
        return Json.write(root).getBytes(StandardCharsets.UTF_8);
    }

    /** The echo of a message the business sent on Instagram, then the customer's read receipt. */
    void instagramAccepted(String igAccountId, String recipient, String mid, ObjectNode message) {
        if (!enabled || target == null || recipient == null) {
            return;
        }
        long now = System.currentTimeMillis();
        ObjectNode echo = message == null ? Json.mapper().createObjectNode() : message.deepCopy();
        echo.put("mid", mid);
        echo.put("is_echo", true);
        schedule(Platform.INSTAGRAM, instagramMessaging(igAccountId, igAccountId, recipient, now + sentAfter.toMillis(),
                "message", echo), sentAfter.toMillis());
        ObjectNode read = Json.mapper().createObjectNode().put("mid", mid);
        schedule(Platform.INSTAGRAM, instagramMessaging(igAccountId, recipient, igAccountId, now + readAfter.toMillis(),
                "read", read), readAfter.toMillis());
    }

    private static byte[] instagramMessaging(String accountId, String sender, String recipient, long timestamp,
                                             String field, ObjectNode payload) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("object", "instagram");
        ObjectNode entry = root.putArray("entry").addObject();
        entry.put("time", timestamp);
        entry.put("id", accountId);
        ObjectNode item = entry.putArray("messaging").addObject();
        item.putObject("sender").put("id", sender);
        item.putObject("recipient").put("id", recipient);
        item.put("timestamp", timestamp);
        item.set(field, payload);
        return Json.write(root).getBytes(StandardCharsets.UTF_8);
    }

    private void schedule(Platform platform, byte[] body, long delayMillis) {
        int copies = duplicate ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            scheduler.schedule(() -> Thread.ofVirtual().start(() -> post(platform, body)), delayMillis + i * 25L,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void post(Platform platform, byte[] body) {
        DemoReplay replay = target;
        if (replay == null) {
            return;
        }
        try {
            int status = replay.post(platform, body);
            posted.incrementAndGet();
            if (status != 200) {
                LOG.warn("Meta simulator: the backend answered {} to a status webhook", status);
            }
        } catch (Exception e) {
            LOG.debug("Meta simulator: status webhook not delivered: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
