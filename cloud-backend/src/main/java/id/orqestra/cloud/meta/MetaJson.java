package id.orqestra.cloud.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Small, forgiving readers for Meta's JSON: every accessor tolerates a missing or odd node and answers
 * {@code null} rather than throwing, so one surprising field never costs the rest of a webhook.
 */
public final class MetaJson {

    /**
     * Shared and thread-safe once configured. Floats become BigDecimal so prices keep their cents; text
     * is read as PostgreSQL can store it (see {@link StorableText}).
     */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setNodeFactory(new StorableText())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Above this an epoch number must be milliseconds: 10^11 seconds is the year 5138. */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;
    private static final Pattern DIGITS = Pattern.compile("-?\\d+");
    /** Graph API's own form, "2021-09-08T06:34:04+0000", which ISO_OFFSET_DATE_TIME refuses. */
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX");

    private MetaJson() {
    }

    /** The child, or a missing node when {@code node} is null or not an object. */
    public static JsonNode child(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return MissingNode.getInstance();
        }
        JsonNode value = node.get(field);
        return value == null ? MissingNode.getInstance() : value;
    }

    /** True for null, missing, JSON null. */
    public static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** A scalar as text exactly as sent (numbers keep their digits); null for absent, objects and arrays. */
    public static String text(JsonNode node, String field) {
        return scalar(child(node, field));
    }

    public static String scalar(JsonNode value) {
        if (absent(value) || value.isContainerNode()) {
            return null;
        }
        return value.asText();
    }

    /** Like {@link #text} but blank strings count as absent. */
    public static String nonBlank(JsonNode node, String field) {
        String value = text(node, field);
        return value == null || value.isBlank() ? null : value;
    }

    public static boolean flag(JsonNode node, String field) {
        JsonNode value = child(node, field);
        return value.isBoolean() ? value.booleanValue() : "true".equalsIgnoreCase(scalar(value));
    }

    public static Integer integer(JsonNode node, String field) {
        JsonNode value = child(node, field);
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        String text = scalar(value);
        if (text != null && DIGITS.matcher(text.trim()).matches()) {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException tooLarge) {
                return null;
            }
        }
        return null;
    }

    /** The elements of an array child; empty when it is absent or not an array. */
    public static List<JsonNode> elements(JsonNode node, String field) {
        JsonNode value = child(node, field);
        if (!value.isArray()) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>(value.size());
        value.forEach(out::add);
        return out;
    }

    /** The node as compact JSON text, for keeping the raw item next to what was understood of it. */
    public static String raw(JsonNode node) {
        if (node == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException impossibleForATree) {
            return node.toString();
        }
    }

    /**
     * A Meta timestamp as an instant: epoch seconds or milliseconds, as a number or a string of digits
     * (WhatsApp sends seconds as strings, Instagram milliseconds as numbers, entry.time either), or an
     * ISO-8601 / Graph API date-time string. Anything else is null, and the store uses the receive time.
     */
    public static Instant instant(JsonNode value) {
        if (absent(value) || value.isContainerNode()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return epoch(value.longValue());
        }
        if (value.isNumber()) {
            return epoch(value.decimalValue().longValue());
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            return null;
        }
        if (DIGITS.matcher(text).matches()) {
            try {
                return epoch(Long.parseLong(text));
            } catch (NumberFormatException tooLarge) {
                return null;
            }
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notPlainIso) {
            // try the offset forms below
        }
        for (DateTimeFormatter format : List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME, GRAPH_TIME)) {
            try {
                return OffsetDateTime.parse(text, format).toInstant();
            } catch (DateTimeParseException next) {
                // keep trying
            }
        }
        return null;
    }

    public static Instant instant(JsonNode node, String field) {
        return instant(child(node, field));
    }

    private static Instant epoch(long value) {
        if (value <= 0) {
            return null;
        }
        return value > MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    }

    /**
     * Every scalar under {@code node} by its path ("rejection_info.reason", "restriction_info[0].expiration"),
     * in document order: Meta's fields kept by name for admins, whatever new ones Meta adds.
     */
    public static Map<String, String> flatten(JsonNode node) {
        if (absent(node)) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        flattenInto(out, "", node);
        return Collections.unmodifiableMap(out);
    }

    private static void flattenInto(Map<String, String> out, String path, JsonNode node) {
        if (node.isObject()) {
            node.properties().forEach(e -> flattenInto(out, path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flattenInto(out, path + "[" + i + "]", node.get(i));
            }
        } else if (!node.isNull()) {
            out.put(path.isEmpty() ? "value" : path, node.asText());
        }
    }

    /** First 32 hex digits of SHA-256 over the parts joined by '|': a stable id for items Meta sends without one. */
    public static String stableId(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest(String.join("|", nullsAsEmpty(parts)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 32);
        } catch (NoSuchAlgorithmException everyJdkHasIt) {
            throw new IllegalStateException(everyJdkHasIt);
        }
    }

    private static List<String> nullsAsEmpty(String... parts) {
        List<String> out = new ArrayList<>(parts.length);
        for (String part : parts) {
            out.add(part == null ? "" : part);
        }
        return out;
    }

    /** "PENDING_DELETION" → "pending deletion", for sentences. */
    public static String words(String constant) {
        return constant == null ? null : constant.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /**
     * PostgreSQL text cannot hold U+0000, which JSON allows as an escape; a customer's message
     * carrying one would fail every retry and never reach the inbox. It is read as U+FFFD, the
     * replacement character, so the message arrives and shows that something unprintable was in it.
     */
    static final class StorableText extends JsonNodeFactory {
        @Override
        public TextNode textNode(String text) {
            return super.textNode(text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD'));
        }
    }
}
