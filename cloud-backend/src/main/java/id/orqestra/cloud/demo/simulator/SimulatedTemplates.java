package id.orqestra.cloud.demo.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.model.outbound.TemplateView;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The message templates of each business account the simulator knows, listed page by page like
 * {@code GET /{waba-id}/message_templates}, and the checks Meta makes when a template is sent: it
 * exists in that language and is approved (132001), the parameter counts match (132000), a media
 * header gets media of its format (132012).
 */
final class SimulatedTemplates {

    private final Map<String, List<ObjectNode>> byAccount = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1_298_450_367_700_000L);

    /** Adds (or replaces, by name and language) a template in Meta's format; an id is given when it has none. */
    ObjectNode put(String wabaId, JsonNode template) {
        ObjectNode copy = template.deepCopy();
        if (!copy.hasNonNull("id")) {
            copy.put("id", Long.toString(ids.incrementAndGet()));
        }
        if (!copy.hasNonNull("status")) {
            copy.put("status", "APPROVED");
        }
        if (!copy.hasNonNull("parameter_format")) {
            copy.put("parameter_format", "POSITIONAL");
        }
        List<ObjectNode> list = byAccount.computeIfAbsent(wabaId, w -> new CopyOnWriteArrayList<>());
        list.removeIf(t -> t.path("name").asText().equals(copy.path("name").asText())
                && t.path("language").asText().equals(copy.path("language").asText()));
        list.add(copy);
        return copy;
    }

    int count(String wabaId) {
        return byAccount.getOrDefault(wabaId, List.of()).size();
    }

    boolean knows(String wabaId) {
        return byAccount.containsKey(wabaId);
    }

    /** One page of templates after the cursor, with Meta's paging object. */
    ObjectNode page(String wabaId, int limit, String after, String nextUrlWithoutCursor) {
        List<ObjectNode> all = new ArrayList<>(byAccount.getOrDefault(wabaId, List.of()));
        int from = after == null ? 0 : decode(after);
        int size = Math.max(1, Math.min(limit, 250));
        int to = Math.min(all.size(), from + size);
        ObjectNode answer = Json.mapper().createObjectNode();
        ArrayNode data = answer.putArray("data");
        for (int i = from; i < to; i++) {
            data.add(all.get(i));
        }
        ObjectNode paging = answer.putObject("paging");
        ObjectNode cursors = paging.putObject("cursors");
        cursors.put("before", encode(from));
        cursors.put("after", encode(to));
        if (to < all.size()) {
            paging.put("next", nextUrlWithoutCursor + "&after=" + encode(to));
        }
        return answer;
    }

    private static String encode(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("idx:" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return Integer.parseInt(text.substring(4));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Checks a send's {@code template} object against the stored definition; empty when Meta would take it. */
    Optional<GraphErrors.GraphError> check(String wabaId, JsonNode template) {
        String name = template.path("name").asText(null);
        String language = template.path("language").path("code").asText(null);
        if (name == null || language == null) {
            return Optional.of(GraphErrors.invalidParameter("template: name and language.code are required"));
        }
        Optional<ObjectNode> found = byAccount.getOrDefault(wabaId, List.of()).stream()
                .filter(t -> t.path("name").asText().equals(name) && t.path("language").asText().equals(language))
                .findFirst();
        if (found.isEmpty() || !"APPROVED".equalsIgnoreCase(found.get().path("status").asText())) {
            return Optional.of(GraphErrors.of(132001, "template name (" + name + ") does not exist in " + language));
        }
        JsonNode definition = found.get();
        Map<String, List<JsonNode>> given = new java.util.HashMap<>();
        for (JsonNode component : template.path("components")) {
            given.computeIfAbsent(component.path("type").asText("").toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(component);
        }
        for (JsonNode component : definition.path("components")) {
            String type = component.path("type").asText("").toUpperCase(Locale.ROOT);
            if (type.equals("HEADER")) {
                String format = component.path("format").asText("TEXT").toUpperCase(Locale.ROOT);
                JsonNode parameters = first(given.get("header")).path("parameters");
                if (format.equals("TEXT")) {
                    int expected = TemplateView.placeholders(component.path("text").asText(null)).size();
                    if (parameters.size() != expected) {
                        return Optional.of(GraphErrors.of(132000, "header: number of localizable_params ("
                                + parameters.size() + ") does not match the expected number of params (" + expected + ")"));
                    }
                } else if (!format.equals("LOCATION")) {
                    String sent = parameters.isEmpty() ? "NONE" : parameters.get(0).path("type").asText("").toUpperCase(Locale.ROOT);
                    if (!sent.equals(format)) {
                        return Optional.of(GraphErrors.of(132012, "header: Format mismatch, expected " + format
                                + ", received " + sent));
                    }
                    JsonNode media = parameters.get(0).path(format.toLowerCase(Locale.ROOT));
                    if (!media.hasNonNull("id") && !media.hasNonNull("link")) {
                        return Optional.of(GraphErrors.invalidParameter("header: " + format.toLowerCase(Locale.ROOT)
                                + " needs an id or a link"));
                    }
                }
            } else if (type.equals("BODY")) {
                int expected = TemplateView.placeholders(component.path("text").asText(null)).size();
                int sent = first(given.get("body")).path("parameters").size();
                if (sent != expected) {
                    return Optional.of(GraphErrors.of(132000, "body: number of localizable_params (" + sent
                            + ") does not match the expected number of params (" + expected + ")"));
                }
            }
        }
        for (JsonNode button : given.getOrDefault("button", List.of())) {
            if (!button.hasNonNull("sub_type") || !button.hasNonNull("index")) {
                return Optional.of(GraphErrors.invalidParameter("button: sub_type and index are required"));
            }
        }
        return Optional.empty();
    }

    private static JsonNode first(List<JsonNode> components) {
        return components == null || components.isEmpty() ? Json.mapper().createObjectNode() : components.getFirst();
    }
}
