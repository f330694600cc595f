package id.orqestra.cloud.meta;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.meta.instagram.InstagramWebhookParser;
import id.orqestra.cloud.meta.whatsapp.WhatsAppWebhookParser;
import id.orqestra.model.inbox.Platform;

import java.util.List;

/**
 * Turns a Meta webhook body into {@link ParsedDelivery}: pure (no I/O, no clock) and total (never
 * throws). Which platform a body belongs to is decided by its {@code object}
 * ("whatsapp_business_account" → WhatsApp, "instagram" or "page" → Instagram); a body without one is
 * read as belonging to the endpoint it was posted to.
 */
public final class MetaWebhookParser {

    private MetaWebhookParser() {
    }

    public static ParsedDelivery parse(Platform endpoint, String body) {
        JsonNode root;
        try {
            root = body == null ? null : MetaJson.MAPPER.readTree(body);
        } catch (JacksonException notJson) {
            return ParsedDelivery.malformed(endpoint, "body is not JSON: " + firstLine(notJson.getOriginalMessage()));
        }
        if (MetaJson.absent(root)) {
            return ParsedDelivery.malformed(endpoint, "body is empty");
        }
        try {
            return dispatch(endpoint, root);
        } catch (RuntimeException bug) {
            // The platform parsers guard each item; this is the last net so the journal row is never lost.
            return unsupportedBody(endpoint, "body", "could not read the body: " + bug, root);
        }
    }

    private static ParsedDelivery dispatch(Platform endpoint, JsonNode root) {
        if (!root.isObject()) {
            return unsupportedBody(endpoint, "body", "body is JSON but not an object", root);
        }
        String object = MetaJson.text(root, "object");
        Platform platform;
        if (object == null) {
            platform = endpoint;
        } else {
            switch (object) {
                case "whatsapp_business_account" -> platform = Platform.WHATSAPP;
                case "instagram", "page" -> platform = Platform.INSTAGRAM;
                default -> {
                    return unsupportedBody(endpoint, "object", "object '" + object + "' is not WhatsApp or Instagram", root);
                }
            }
        }
        return platform == Platform.WHATSAPP ? WhatsAppWebhookParser.parse(root) : InstagramWebhookParser.parse(root);
    }

    /** A body with nothing routable in it: one change on {@link Route#NONE} saying why. */
    public static ParsedDelivery unsupportedBody(Platform platform, String kind, String reason, JsonNode root) {
        String raw = MetaJson.raw(root);
        return new ParsedDelivery(platform, List.of(new ParsedChange(Route.NONE, null, raw,
                List.of(new MetaEvent.Unsupported(kind, reason, null, raw)))), null);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
