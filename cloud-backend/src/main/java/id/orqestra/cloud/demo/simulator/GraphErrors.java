package id.orqestra.cloud.demo.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.orqestra.cloud.platform.json.Json;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Graph API error envelopes as Meta answers them: {@code error.message} starting with "(#code)",
 * {@code type}, {@code code}, {@code error_subcode} where Meta uses one, {@code error_data.details},
 * {@code is_transient} and a {@code fbtrace_id}.
 */
final class GraphErrors {

    /** An error the simulator answers with: HTTP status and the envelope. */
    record GraphError(int httpStatus, ObjectNode body) {
    }

    /** Meta's usual wording and HTTP status for the codes the simulator produces. */
    private record Known(int httpStatus, String message, String details, boolean transientError) {
    }

    private static final Map<Integer, Known> KNOWN = Map.ofEntries(
            Map.entry(1, new Known(500, "An unknown error occurred", null, true)),
            Map.entry(2, new Known(503, "Service temporarily unavailable", null, true)),
            Map.entry(4, new Known(400, "Application request limit reached", null, true)),
            Map.entry(10, new Known(403, "Application does not have permission for this action", null, false)),
            Map.entry(100, new Known(400, "Invalid parameter", null, false)),
            Map.entry(190, new Known(401, "Error validating access token: Session has expired", null, false)),
            Map.entry(130429, new Known(400, "Rate limit hit",
                    "Cloud API message throughput has been reached.", true)),
            Map.entry(130472, new Known(400, "User's number is part of an experiment",
                    "Failed to send message because this user's phone number is part of an experiment", false)),
            Map.entry(131000, new Known(500, "Something went wrong", "Something went wrong", true)),
            Map.entry(131026, new Known(400, "Message undeliverable", "Message Undeliverable.", false)),
            Map.entry(131030, new Known(400, "Recipient phone number not in allowed list",
                    "Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.",
                    false)),
            Map.entry(131047, new Known(400, "Re-engagement message",
                    "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
                    false)),
            Map.entry(131049, new Known(400, "This message was not delivered to maintain healthy ecosystem engagement.",
                    "In order to maintain a healthy ecosystem engagement, the message failed to be delivered.", false)),
            Map.entry(131056, new Known(400, "(Business Account, Consumer Account) pair rate limit hit",
                    "Message failed to send because there were too many messages sent from this phone number to the same "
                            + "phone number in a short period of time.", true)),
            Map.entry(132000, new Known(400, "Number of parameters does not match the expected number of params", null, false)),
            Map.entry(132001, new Known(404, "Template name does not exist in the translation", null, false)),
            Map.entry(132012, new Known(400, "Parameter format does not match format in the created template", null, false)),
            Map.entry(133010, new Known(400, "Phone number Not Registered",
                    "Phone number is not registered on the WhatsApp Business Platform.", false)));

    private GraphErrors() {
    }

    static GraphError of(int code, String details) {
        Known known = KNOWN.getOrDefault(code, new Known(400, "Error " + code, null, false));
        return build(known.httpStatus(), code, null, known.message(), details != null ? details : known.details(),
                known.transientError());
    }

    static GraphError withStatus(int httpStatus, int code, String details) {
        Known known = KNOWN.getOrDefault(code, new Known(httpStatus, httpStatus >= 500
                ? "An unexpected error has occurred. Please retry your request later." : "Error " + code, null, httpStatus >= 500));
        return build(httpStatus, code, null, known.message(), details != null ? details : known.details(),
                known.transientError() || httpStatus >= 500);
    }

    static GraphError invalidParameter(String details) {
        return of(100, details);
    }

    static GraphError build(int httpStatus, int code, Integer subcode, String message, String details, boolean transientError) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", "(#" + code + ") " + message);
        error.put("type", "OAuthException");
        error.put("code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        if (details != null) {
            error.putObject("error_data").put("messaging_product", "whatsapp").put("details", details);
        }
        error.put("is_transient", transientError);
        error.put("fbtrace_id", "A" + Long.toHexString(ThreadLocalRandom.current().nextLong()).toUpperCase());
        return new GraphError(httpStatus, root);
    }
}
