package id.orqestra.cloud.meta.instagram;

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

/**
 * Reads an Instagram webhook ({@code object} "instagram", or "page" for accounts connected through a
 * Facebook Page). Every {@code entry[].messaging[]} and {@code entry[].standby[]} item and every
 * {@code entry[].changes[]} becomes one {@link ParsedChange}, routed to the account id in
 * {@code entry.id}, in that order. A bare {@code {field, value}} (the dashboard's "Test" sample) names
 * no account and is routed nowhere.
 */
public final class InstagramWebhookParser {

    private InstagramWebhookParser() {
    }

    public static ParsedDelivery parse(JsonNode root) {
        JsonNode entries = MetaJson.child(root, "entry");
        if (!entries.isArray()) {
            if (MetaJson.child(root, "field").isTextual() && !MetaJson.absent(MetaJson.child(root, "value"))) {
                return delivery(List.of(InstagramChanges.read(root, null, null, Route.NONE)));
            }
            return MetaWebhookParser.unsupportedBody(Platform.INSTAGRAM, "body", "no entry array", root);
        }
        if (entries.isEmpty()) {
            return MetaWebhookParser.unsupportedBody(Platform.INSTAGRAM, "body", "entry array is empty", root);
        }
        List<ParsedChange> out = new ArrayList<>();
        for (JsonNode entry : entries) {
            String accountId = MetaJson.text(entry, "id");
            Instant entryTime = MetaJson.instant(entry, "time");
            Route route = Route.instagramAccount(accountId);
            List<JsonNode> messaging = MetaJson.elements(entry, "messaging");
            List<JsonNode> standby = MetaJson.elements(entry, "standby");
            List<JsonNode> changes = MetaJson.elements(entry, "changes");
            if (messaging.isEmpty() && standby.isEmpty() && changes.isEmpty()) {
                String raw = MetaJson.raw(entry);
                out.add(new ParsedChange(route, null, raw, List.of(
                        new MetaEvent.Unsupported("entry", "entry carries no messaging, standby or changes", null, raw))));
                continue;
            }
            for (JsonNode item : messaging) {
                out.add(InstagramMessaging.read(item, accountId, entryTime, route, false));
            }
            for (JsonNode item : standby) {
                out.add(InstagramMessaging.read(item, accountId, entryTime, route, true));
            }
            for (JsonNode change : changes) {
                out.add(InstagramChanges.read(change, accountId, entryTime, route));
            }
        }
        return delivery(out);
    }

    private static ParsedDelivery delivery(List<ParsedChange> changes) {
        return new ParsedDelivery(Platform.INSTAGRAM, List.copyOf(changes), null);
    }
}
