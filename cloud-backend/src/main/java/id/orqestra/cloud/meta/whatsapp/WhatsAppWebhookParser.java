package id.orqestra.cloud.meta.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.meta.MetaEvent;
import id.orqestra.cloud.meta.MetaJson;
import id.orqestra.cloud.meta.MetaWebhookParser;
import id.orqestra.cloud.meta.ParsedChange;
import id.orqestra.cloud.meta.ParsedDelivery;
import id.orqestra.cloud.meta.Route;
import id.orqestra.model.inbox.Platform;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a WhatsApp Business Account webhook: one {@link ParsedChange} per {@code entry[].changes[]}.
 * Changes that carry {@code value.metadata.phone_number_id} (messages, statuses, echoes, preferences)
 * are routed to that phone number; account-level changes (templates, quality, account updates) to the
 * WABA id in {@code entry.id}. The dashboard's "Test" sample, a bare {@code {field, value}}, names no
 * account and is routed nowhere.
 */
public final class WhatsAppWebhookParser {

    /** Fields whose value is a conversation: messages, echoes, preferences, statuses, errors. */
    static final Set<String> CONVERSATION_FIELDS = Set.of("messages", "smb_message_echoes", "user_preferences");

    private WhatsAppWebhookParser() {
    }

    public static ParsedDelivery parse(JsonNode root) {
        JsonNode entries = MetaJson.child(root, "entry");
        if (!entries.isArray()) {
            if (MetaJson.child(root, "field").isTextual() && !MetaJson.absent(MetaJson.child(root, "value"))) {
                return delivery(List.of(change(root, null, null, null)));
            }
            return MetaWebhookParser.unsupportedBody(Platform.WHATSAPP, "body", "no entry array", root);
        }
        if (entries.isEmpty()) {
            return MetaWebhookParser.unsupportedBody(Platform.WHATSAPP, "body", "entry array is empty", root);
        }
        List<ParsedChange> out = new ArrayList<>();
        for (JsonNode entry : entries) {
            String wabaId = MetaJson.text(entry, "id");
            Instant entryTime = MetaJson.instant(entry, "time");
            List<JsonNode> changes = MetaJson.elements(entry, "changes");
            if (changes.isEmpty()) {
                String raw = MetaJson.raw(entry);
                out.add(new ParsedChange(Route.whatsAppBusinessAccount(wabaId), null, raw,
                        List.of(new MetaEvent.Unsupported("entry", "entry carries no changes", null, raw))));
                continue;
            }
            for (JsonNode change : changes) {
                out.add(change(change, wabaId, entryTime, Route.whatsAppBusinessAccount(wabaId)));
            }
        }
        return delivery(out);
    }

    private static ParsedDelivery delivery(List<ParsedChange> changes) {
        return new ParsedDelivery(Platform.WHATSAPP, List.copyOf(changes), null);
    }

    /**
     * One change, guarded: whatever goes wrong inside it becomes an Unsupported event with the change's
     * raw JSON. {@code accountRoute} is null for a bare dashboard sample, which routes nowhere.
     */
    private static ParsedChange change(JsonNode change, String wabaId, Instant entryTime, Route accountRoute) {
        String field = MetaJson.text(change, "field");
        String raw = MetaJson.raw(change);
        JsonNode value = MetaJson.child(change, "value");
        String phoneNumberId = MetaJson.text(MetaJson.child(value, "metadata"), "phone_number_id");
        Route route = accountRoute == null ? Route.NONE
                : phoneNumberId != null ? Route.whatsAppPhoneNumber(phoneNumberId) : accountRoute;
        List<MetaEvent> events;
        try {
            events = events(field, value, wabaId, phoneNumberId, entryTime, raw);
        } catch (RuntimeException unexpected) {
            events = List.of(new MetaEvent.Unsupported(field == null ? "change" : field,
                    "could not read this change: " + unexpected, null, raw));
        }
        return new ParsedChange(route, field, raw, events);
    }

    private static List<MetaEvent> events(String field, JsonNode value, String wabaId, String phoneNumberId,
                                          Instant entryTime, String raw) {
        if (field == null) {
            return List.of(new MetaEvent.Unsupported("change", "change without a field", null, raw));
        }
        if (!value.isObject()) {
            return List.of(new MetaEvent.Unsupported(field, "change without a value object", null, raw));
        }
        if (CONVERSATION_FIELDS.contains(field)) {
            List<MetaEvent> events = WhatsAppConversation.read(field, value,
                    phoneNumberId != null ? phoneNumberId : wabaId, entryTime);
            return events.isEmpty()
                    ? List.of(new MetaEvent.Unsupported(field, "change carries no messages, statuses or errors", null, raw))
                    : events;
        }
        MetaEvent.AccountNotice notice = WhatsAppAccountNotices.read(field, value, wabaId, entryTime);
        if (notice != null) {
            return List.of(notice);
        }
        return List.of(new MetaEvent.Unsupported(field, "field '" + field + "' is not handled", null, raw));
    }
}
