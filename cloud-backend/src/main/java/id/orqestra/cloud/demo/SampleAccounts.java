package id.orqestra.cloud.demo;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.model.inbox.Platform;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The accounts a set of payloads talks to: WhatsApp phone number ids with their WABA, WABA ids seen on
 * their own, and Instagram account ids. The demo gives each one a channel so that every sample routes.
 */
public final class SampleAccounts {

    /** phone number id → WABA id */
    private final Map<String, String> whatsAppNumbers = new LinkedHashMap<>();
    private final Map<String, String> displayNumbers = new LinkedHashMap<>();
    private final Set<String> businessAccounts = new LinkedHashSet<>();
    private final Set<String> instagramAccounts = new LinkedHashSet<>();

    public Map<String, String> whatsAppNumbers() {
        return whatsAppNumbers;
    }

    public String displayNumber(String phoneNumberId) {
        return displayNumbers.get(phoneNumberId);
    }

    /** WABA ids that appear without any phone number id. */
    public Set<String> businessAccountsWithoutNumbers() {
        Set<String> alone = new LinkedHashSet<>(businessAccounts);
        alone.removeAll(whatsAppNumbers.values());
        return alone;
    }

    public Set<String> instagramAccounts() {
        return instagramAccounts;
    }

    /** Adds the accounts named in one payload; a body that is not JSON names none. */
    public SampleAccounts add(Platform platform, String body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (Exception e) {
            return this;
        }
        if (root == null || !root.isObject()) {
            return this;
        }
        String object = root.path("object").asText("");
        boolean instagram = object.equals("instagram") || object.equals("page")
                || (object.isEmpty() && platform == Platform.INSTAGRAM);
        for (JsonNode entry : root.path("entry")) {
            String entryId = text(entry.path("id"));
            if (entryId == null) {
                continue;
            }
            if (instagram) {
                instagramAccounts.add(entryId);
                continue;
            }
            businessAccounts.add(entryId);
            for (JsonNode change : entry.path("changes")) {
                JsonNode metadata = change.path("value").path("metadata");
                String phoneNumberId = text(metadata.path("phone_number_id"));
                if (phoneNumberId != null) {
                    whatsAppNumbers.putIfAbsent(phoneNumberId, entryId);
                    String display = text(metadata.path("display_phone_number"));
                    if (display != null) {
                        displayNumbers.putIfAbsent(phoneNumberId, display);
                    }
                }
            }
        }
        return this;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        String value = node.asText();
        return value.isBlank() ? null : value;
    }
}
