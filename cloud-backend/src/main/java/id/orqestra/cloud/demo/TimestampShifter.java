package id.orqestra.cloud.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Moves the Unix timestamps in a Meta payload by a fixed amount, keeping each one's form (string or
 * number) and unit (seconds or milliseconds), so that replayed samples look like they just happened
 * and the customer-service windows are open.
 */
public final class TimestampShifter {

    private static final Set<String> TIME_FIELDS = Set.of("timestamp", "time", "created_timestamp");
    /** Values above this are milliseconds (10^11 seconds is the year 5138). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private TimestampShifter() {
    }

    /** The latest timestamp in the payload, in epoch seconds, or 0 when it has none. */
    public static long latestSeconds(JsonNode node) {
        long latest = 0;
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                Long seconds = TIME_FIELDS.contains(field.getKey()) ? seconds(field.getValue()) : null;
                latest = Math.max(latest, seconds != null ? seconds : latestSeconds(field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                latest = Math.max(latest, latestSeconds(element));
            }
        }
        return latest;
    }

    /** Shifts every timestamp in place by {@code shift}. */
    public static void shift(JsonNode node, Duration shift) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (TIME_FIELDS.contains(field.getKey()) && seconds(value) != null) {
                    field.setValue(shifted(value, shift));
                } else {
                    shift(value, shift);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                shift(element, shift);
            }
        }
    }

    private static JsonNode shifted(JsonNode value, Duration shift) {
        long raw = value.isNumber() ? value.asLong() : Long.parseLong(value.asText().trim());
        long moved = raw >= MILLIS_THRESHOLD ? raw + shift.toMillis() : raw + shift.toSeconds();
        return value.isNumber() ? LongNode.valueOf(moved) : TextNode.valueOf(Long.toString(moved));
    }

    private static Long seconds(JsonNode value) {
        long raw;
        if (value.isIntegralNumber()) {
            raw = value.asLong();
        } else if (value.isTextual() && value.asText().trim().matches("\\d{9,13}")) {
            raw = Long.parseLong(value.asText().trim());
        } else {
            return null;
        }
        return raw >= MILLIS_THRESHOLD ? raw / 1000 : raw;
    }
}
