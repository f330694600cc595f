package id.orqestra.cloud.meta.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.meta.MetaEvent.AccountNotice;
import id.orqestra.cloud.meta.MetaEvent.NoticeKind;
import id.orqestra.cloud.meta.MetaJson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.orqestra.cloud.meta.MetaJson.child;
import static id.orqestra.cloud.meta.MetaJson.elements;
import static id.orqestra.cloud.meta.MetaJson.text;
import static id.orqestra.cloud.meta.MetaJson.words;

/**
 * Account-level WhatsApp fields as notices for admins: Meta's fields are kept by name in
 * {@code attributes}; {@code summary} is one sentence a person can read.
 */
final class WhatsAppAccountNotices {

    private WhatsAppAccountNotices() {
    }

    /** The notice for {@code field}, or null when this version does not know the field. */
    static AccountNotice read(String field, JsonNode value, String wabaId, Instant entryTime) {
        Map<String, String> attributes = MetaJson.flatten(value);
        return switch (field) {
            case "message_template_status_update" -> {
                String event = text(value, "event");
                yield new AccountNotice(NoticeKind.TEMPLATE_STATUS, text(value, "message_template_id"), event,
                        templateStatusSummary(value, event), entryTime, attributes);
            }
            case "message_template_quality_update" -> {
                String quality = text(value, "new_quality_score");
                yield new AccountNotice(NoticeKind.TEMPLATE_QUALITY, text(value, "message_template_id"), quality,
                        "Quality of template " + template(value) + " changed"
                                + from(text(value, "previous_quality_score")) + " to " + quality + ".",
                        entryTime, attributes);
            }
            case "template_category_update" -> {
                String category = text(value, "new_category");
                yield new AccountNotice(NoticeKind.TEMPLATE_CATEGORY, text(value, "message_template_id"), category,
                        "Template " + template(value) + " moved" + from(text(value, "previous_category"))
                                + " to category " + category + ".",
                        entryTime, attributes);
            }
            case "phone_number_quality_update" -> {
                String event = text(value, "event");
                String number = text(value, "display_phone_number");
                StringBuilder summary = new StringBuilder("Phone number ").append(number).append(": ").append(words(event));
                String limit = text(value, "current_limit");
                if (limit != null) {
                    summary.append(", messaging limit now ").append(limit);
                }
                yield new AccountNotice(NoticeKind.PHONE_NUMBER_QUALITY, number, event, summary.append('.').toString(),
                        entryTime, attributes);
            }
            case "phone_number_name_update" -> {
                String decision = text(value, "decision");
                String number = text(value, "display_phone_number");
                StringBuilder summary = new StringBuilder("Display name \"").append(text(value, "requested_verified_name"))
                        .append("\" for ").append(number).append(": ").append(words(decision));
                String reason = text(value, "rejection_reason");
                if (reason != null && !"NONE".equals(reason)) {
                    summary.append(" (").append(words(reason)).append(')');
                }
                yield new AccountNotice(NoticeKind.PHONE_NUMBER_NAME, number, decision, summary.append('.').toString(),
                        entryTime, attributes);
            }
            case "account_update" -> {
                String event = text(value, "event");
                String subject = text(child(value, "waba_info"), "waba_id");
                yield new AccountNotice(NoticeKind.ACCOUNT_UPDATE, subject != null ? subject : wabaId, event,
                        accountUpdateSummary(value, event), entryTime, attributes);
            }
            case "account_alerts" -> {
                JsonNode alert = child(value, "alert_info");
                String subject = text(value, "entity_id");
                String description = text(alert, "alert_description");
                yield new AccountNotice(NoticeKind.ACCOUNT_UPDATE, subject != null ? subject : wabaId,
                        text(alert, "alert_type"),
                        "Account alert: " + (description != null ? description : words(text(alert, "alert_type"))),
                        entryTime, attributes);
            }
            case "account_review_update" -> {
                String decision = text(value, "decision");
                yield new AccountNotice(NoticeKind.ACCOUNT_REVIEW, wabaId, decision,
                        "Account review: " + words(decision) + ".", entryTime, attributes);
            }
            case "business_capability_update" -> new AccountNotice(NoticeKind.BUSINESS_CAPABILITY, wabaId, null,
                    "Business capabilities changed: " + listed(attributes) + ".", entryTime, attributes);
            default -> null;
        };
    }

    private static String template(JsonNode value) {
        String name = text(value, "message_template_name");
        String language = text(value, "message_template_language");
        return (name != null ? name : text(value, "message_template_id")) + (language != null ? " (" + language + ")" : "");
    }

    private static String from(String previous) {
        return previous == null ? "" : " from " + previous;
    }

    private static String templateStatusSummary(JsonNode value, String event) {
        StringBuilder summary = new StringBuilder("Template ").append(template(value)).append(' ');
        summary.append(switch (event == null ? "" : event) {
            case "APPROVED" -> "was approved";
            case "REJECTED" -> "was rejected";
            case "" -> "changed";
            default -> "is now " + words(event);
        });
        String reason = text(value, "reason");
        if (reason != null && !"NONE".equals(reason)) {
            summary.append(" (").append(words(reason)).append(')');
        }
        String explanation = text(child(value, "rejection_info"), "reason");
        if (explanation != null) {
            summary.append(": ").append(explanation);
        }
        return summary.append(summary.charAt(summary.length() - 1) == '.' ? "" : ".").toString();
    }

    private static String accountUpdateSummary(JsonNode value, String event) {
        List<String> details = new ArrayList<>();
        String violation = text(child(value, "violation_info"), "violation_type");
        if (violation != null) {
            details.add("violation " + words(violation));
        }
        JsonNode ban = child(value, "ban_info");
        if (text(ban, "waba_ban_state") != null) {
            details.add("ban state " + text(ban, "waba_ban_state")
                    + (text(ban, "waba_ban_date") != null ? " on " + text(ban, "waba_ban_date") : ""));
        }
        for (JsonNode restriction : elements(value, "restriction_info")) {
            if (text(restriction, "restriction_type") != null) {
                details.add("restriction " + words(text(restriction, "restriction_type")));
            }
        }
        String disconnection = text(child(value, "disconnection_info"), "reason");
        if (disconnection != null) {
            details.add("disconnected: " + words(disconnection));
        }
        return "WhatsApp Business Account update: " + (event != null ? words(event) : "changed")
                + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")") + ".";
    }

    private static String listed(Map<String, String> attributes) {
        List<String> parts = new ArrayList<>();
        attributes.forEach((key, value) -> parts.add(words(key) + " " + value));
        return parts.isEmpty() ? "no details" : String.join(", ", parts);
    }
}
