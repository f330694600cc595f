package id.orqestra.cloud.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.orqestra.cloud.platform.json.Json;

import java.time.Duration;
import java.time.Instant;

/**
 * A WhatsApp customer who last wrote {@link #AGE} ago, so that the demo has a conversation whose
 * 24-hour window is closed and the template picker can be tried. It is posted after the replayed
 * samples, signed like any webhook, and not moved to "now" as they are; its fixed message id makes
 * posting it again on every start harmless.
 */
public final class ClosedWindowSample {

    public static final Duration AGE = Duration.ofHours(26);
    public static final String MESSAGE_ID = "wamid.demo-closed-window-0001";
    static final String CUSTOMER_WA_ID = "6281399902626";
    static final String CUSTOMER_NAME = "Sari Wulandari";
    static final String TEXT = "Kak, pesanan kopi susu literan saya kemarin belum sampai. Bisa dicek?";

    private ClosedWindowSample() {
    }

    /** The webhook body Meta would send for this message, to the number {@code phoneNumberId} of {@code wabaId}. */
    public static String body(String wabaId, String phoneNumberId, String displayNumber, Instant now) {
        ObjectNode root = Json.mapper().createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject().put("id", wabaId);
        ObjectNode change = entry.putArray("changes").addObject().put("field", "messages");
        ObjectNode value = change.putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", displayNumber == null ? "" : displayNumber)
                .put("phone_number_id", phoneNumberId);
        ObjectNode contact = value.putArray("contacts").addObject().put("wa_id", CUSTOMER_WA_ID);
        contact.putObject("profile").put("name", CUSTOMER_NAME);
        ObjectNode message = value.putArray("messages").addObject()
                .put("from", CUSTOMER_WA_ID)
                .put("id", MESSAGE_ID)
                .put("timestamp", Long.toString(now.minus(AGE).getEpochSecond()))
                .put("type", "text");
        message.putObject("text").put("body", TEXT);
        return Json.write(root);
    }
}
