package id.orqestra.cloud.meta.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.meta.MetaJson;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageContent.MediaKind;
import id.orqestra.model.inbox.MetaError;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static id.orqestra.cloud.meta.MetaJson.child;
import static id.orqestra.cloud.meta.MetaJson.elements;
import static id.orqestra.cloud.meta.MetaJson.text;

/**
 * What a WhatsApp message says, by its {@code type}. A type this version does not know, Meta's own
 * "unsupported"/"unknown", or a known type whose body is missing all become
 * {@link MessageContent.Unsupported} carrying Meta's error, so the agent sees that something arrived.
 */
final class WhatsAppContent {

    private WhatsAppContent() {
    }

    static MessageContent read(JsonNode message, List<JsonNode> errors) {
        String type = text(message, "type");
        if (type == null) {
            return unsupported(null, errors);
        }
        JsonNode body = child(message, type);
        MessageContent content = switch (type) {
            case "text" -> body.isObject() ? new MessageContent.Text(text(body, "body")) : null;
            case "image" -> media(MediaKind.IMAGE, body);
            case "video" -> media(MediaKind.VIDEO, body);
            case "document" -> media(MediaKind.DOCUMENT, body);
            case "sticker" -> media(MediaKind.STICKER, body);
            case "audio" -> media(MetaJson.flag(body, "voice") ? MediaKind.VOICE : MediaKind.AUDIO, body);
            case "location" -> location(body);
            case "contacts" -> contacts(body);
            case "interactive" -> interactive(body);
            case "button" -> body.isObject() ? new MessageContent.ButtonReply(text(body, "payload"), text(body, "text")) : null;
            case "order" -> order(body);
            case "system" -> body.isObject() ? new MessageContent.SystemNotice(text(body, "type"), text(body, "body")) : null;
            default -> null;
        };
        if (content != null) {
            return content;
        }
        // Meta's "unsupported" names what it could not deliver in unsupported.type ("edit", "poll", ...).
        String reported = "unsupported".equals(type) && text(body, "type") != null ? text(body, "type") : type;
        return unsupported(reported, errors);
    }

    private static MessageContent unsupported(String reportedType, List<JsonNode> errors) {
        MetaError error = errors.isEmpty() ? null : WhatsAppConversation.metaError(errors.getFirst());
        return error == null
                ? new MessageContent.Unsupported(reportedType, null, null, null)
                : new MessageContent.Unsupported(reportedType, error.code(), error.title(),
                        error.details() != null ? error.details() : error.message());
    }

    private static MessageContent media(MediaKind kind, JsonNode media) {
        if (!media.isObject()) {
            return null;
        }
        JsonNode size = child(media, "file_size");
        Long fileSize = size.isIntegralNumber() ? Long.valueOf(size.longValue()) : null;
        Boolean animated = kind == MediaKind.STICKER && child(media, "animated").isBoolean()
                ? child(media, "animated").booleanValue() : null;
        return new MessageContent.Media(kind, text(media, "id"), text(media, "url"), text(media, "mime_type"),
                text(media, "sha256"), text(media, "caption"), text(media, "filename"), fileSize, animated);
    }

    private static MessageContent location(JsonNode location) {
        JsonNode latitude = child(location, "latitude");
        JsonNode longitude = child(location, "longitude");
        if (!latitude.isNumber() || !longitude.isNumber()) {
            return null;
        }
        return new MessageContent.Location(latitude.doubleValue(), longitude.doubleValue(), text(location, "name"),
                text(location, "address"), text(location, "url"));
    }

    private static MessageContent contacts(JsonNode cards) {
        if (!cards.isArray()) {
            return null;
        }
        List<MessageContent.ContactCard> out = new ArrayList<>();
        for (JsonNode card : cards) {
            JsonNode name = child(card, "name");
            String formatted = text(name, "formatted_name");
            if (formatted == null) {
                formatted = String.join(" ", nonNull(text(name, "first_name"), text(name, "last_name"))).trim();
                formatted = formatted.isEmpty() ? null : formatted;
            }
            List<MessageContent.ContactCard.Phone> phones = elements(card, "phones").stream()
                    .map(p -> new MessageContent.ContactCard.Phone(text(p, "phone"), text(p, "wa_id"), text(p, "type")))
                    .toList();
            List<String> emails = elements(card, "emails").stream().map(e -> text(e, "email")).filter(e -> e != null).toList();
            out.add(new MessageContent.ContactCard(formatted, phones, emails, text(child(card, "org"), "company")));
        }
        return new MessageContent.ContactCards(List.copyOf(out));
    }

    private static List<String> nonNull(String... values) {
        List<String> out = new ArrayList<>();
        for (String value : values) {
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    private static MessageContent interactive(JsonNode interactive) {
        String kind = text(interactive, "type");
        if (kind == null) {
            return null;
        }
        JsonNode reply = child(interactive, kind);
        if (!reply.isObject()) {
            return null;
        }
        return switch (kind) {
            case "button_reply" -> new MessageContent.InteractiveReply(MessageContent.InteractiveKind.BUTTON,
                    text(reply, "id"), text(reply, "title"), null, null);
            case "list_reply" -> new MessageContent.InteractiveReply(MessageContent.InteractiveKind.LIST,
                    text(reply, "id"), text(reply, "title"), text(reply, "description"), null);
            // A finished WhatsApp Flow: response_json is a JSON document inside a string, kept as text.
            case "nfm_reply" -> new MessageContent.InteractiveReply(MessageContent.InteractiveKind.FLOW,
                    text(reply, "name"), text(reply, "body"), null, text(reply, "response_json"));
            default -> null;
        };
    }

    private static MessageContent order(JsonNode order) {
        if (!order.isObject()) {
            return null;
        }
        List<MessageContent.OrderItem> items = elements(order, "product_items").stream()
                .map(item -> new MessageContent.OrderItem(text(item, "product_retailer_id"),
                        quantity(child(item, "quantity")), price(child(item, "item_price")), text(item, "currency")))
                .toList();
        return new MessageContent.Order(text(order, "catalog_id"), text(order, "text"), items);
    }

    private static int quantity(JsonNode quantity) {
        if (quantity.isNumber()) {
            return quantity.intValue();
        }
        try {
            return quantity.isTextual() ? Integer.parseInt(quantity.asText().trim()) : 0;
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    private static BigDecimal price(JsonNode price) {
        if (price.isNumber()) {
            return price.decimalValue();
        }
        try {
            return price.isTextual() ? new BigDecimal(price.asText().trim()) : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
