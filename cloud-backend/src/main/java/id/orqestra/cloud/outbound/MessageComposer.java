package id.orqestra.cloud.outbound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.orqestra.cloud.inbox.InboxService;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageContent.MediaKind;
import id.orqestra.model.inbox.Platform;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static id.orqestra.cloud.outbound.OutgoingFile.blankToNull;
import static id.orqestra.cloud.outbound.OutgoingFile.unprocessable;

/**
 * Builds the Graph API request of a send from what the agent asked for, exactly as Meta documents it —
 * WhatsApp's {@code POST /{phone-number-id}/messages} bodies and Instagram's
 * {@code POST /{ig-account-id}/messages} (Instagram API with Instagram Login) — together with the
 * content we store and show. Every refusal is a sentence; nothing is stored or sent when one is thrown.
 */
public final class MessageComposer {

    /** Instagram's limit for a text message (1,000 bytes of UTF-8). */
    public static final int INSTAGRAM_MAX_TEXT_BYTES = 1000;

    /** Where the send goes: the channel's account, the customer, the message it quotes, our id for it. */
    public record Target(Platform platform, String accountId, String recipient, String quotedProviderId,
                         UUID clientId) {
    }

    /**
     * A send ready to queue. {@code upload} is a file to give WhatsApp first; its media id goes at
     * {@code uploadPointer} in the body. {@code templateCategory} is set for templates (marketing
     * templates are refused to customers who opted out).
     */
    public record Composed(MessageContent content, ObjectNode body, String path, OutgoingFile upload,
                           String uploadPointer, MessagingWindows.Rule windowRule, String templateCategory) {
    }

    private MessageComposer() {
    }

    public static Composed compose(Target target, InboxRequests.SendMessage request,
                                   Function<String, Optional<MediaUploads.Upload>> uploads,
                                   Function<InboxRequests.TemplateMessage, TemplateComposer.Definition> templates) {
        int kinds = (blankToNull(request.text()) != null ? 1 : 0) + (request.media() != null ? 1 : 0)
                + (request.template() != null ? 1 : 0) + (request.interactive() != null ? 1 : 0);
        if (kinds == 0) {
            throw new id.orqestra.cloud.platform.web.ApiException(io.micronaut.http.HttpStatus.BAD_REQUEST,
                    "Invalid request", "Write something before sending.");
        }
        if (kinds > 1) {
            throw unprocessable("Send one thing at a time: text, media, a template or an interactive message.");
        }
        return target.platform() == Platform.WHATSAPP
                ? whatsApp(target, request, uploads, templates)
                : instagram(target, request);
    }

    // ---- WhatsApp ----

    private static Composed whatsApp(Target target, InboxRequests.SendMessage request,
                                     Function<String, Optional<MediaUploads.Upload>> uploads,
                                     Function<InboxRequests.TemplateMessage, TemplateComposer.Definition> templates) {
        ObjectNode body = whatsAppEnvelope(target.recipient());
        if (target.quotedProviderId() != null) {
            body.putObject("context").put("message_id", target.quotedProviderId());
        }
        // ties status webhooks back to this message even when the send's answer is lost
        if (target.clientId() != null) {
            body.put("biz_opaque_callback_data", target.clientId().toString());
        }
        String path = target.accountId() + "/messages";
        String text = blankToNull(request.text());
        if (text != null) {
            checkLength(text, InboxService.MAX_TEXT);
            body.put("type", "text");
            ObjectNode textNode = body.putObject("text");
            textNode.put("preview_url", Boolean.TRUE.equals(request.previewUrl()));
            textNode.put("body", text);
            return new Composed(new MessageContent.Text(text), body, path, null, null,
                    MessagingWindows.Rule.WHATSAPP_FREE_FORM, null);
        }
        if (request.media() != null) {
            OutgoingFile file = OutgoingFile.of(request.media(), uploads);
            body.put("type", file.graphType());
            ObjectNode media = body.putObject(file.graphType());
            String pointer = null;
            if (file.link() != null) {
                media.put("link", file.link());
            } else {
                pointer = "/" + file.graphType() + "/id";
            }
            if (file.caption() != null) {
                media.put("caption", file.caption());
            }
            if (file.filename() != null) {
                media.put("filename", file.filename());
            }
            MessageContent content = new MessageContent.Media(file.kind(), null, file.link(), file.mimeType(), null,
                    file.caption(), file.filename(), file.upload() == null ? null : file.upload().size(), null);
            return new Composed(content, body, path, file.upload() == null ? null : file, pointer,
                    MessagingWindows.Rule.WHATSAPP_FREE_FORM, null);
        }
        if (request.template() != null) {
            InboxRequests.TemplateMessage wanted = request.template();
            if (blankToNull(wanted.name()) == null || blankToNull(wanted.language()) == null) {
                throw unprocessable("Name the template and its language, e.g. {\"name\": \"order_confirmation\", "
                        + "\"language\": \"id\"}.");
            }
            TemplateComposer.Definition definition = templates.apply(wanted);
            TemplateComposer.Composed composed = TemplateComposer.compose(definition, wanted, uploads);
            body.put("type", "template");
            body.set("template", composed.template());
            MessageContent content = new MessageContent.Template(definition.name(), definition.language(),
                    composed.rendered());
            return new Composed(content, body, path, composed.headerFile() != null && composed.headerFile().upload() != null
                    ? composed.headerFile() : null,
                    composed.headerFile() != null && composed.headerFile().upload() != null ? composed.headerMediaPointer() : null,
                    MessagingWindows.Rule.NONE, definition.category());
        }
        return interactive(target, body, path, request.interactive());
    }

    static ObjectNode whatsAppEnvelope(String to) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", to);
        return body;
    }

    private static Composed interactive(Target target, ObjectNode body, String path, InboxRequests.Interactive request) {
        String type = request.type() == null ? "" : request.type().strip().toUpperCase(Locale.ROOT);
        String text = blankToNull(request.body());
        if (text == null) {
            throw unprocessable("An interactive message needs body text.");
        }
        checkMax("The body of an interactive message", text, 1024);
        String header = blankToNull(request.header());
        String footer = blankToNull(request.footer());
        if (header != null) {
            checkMax("The header", header, 60);
        }
        if (footer != null) {
            checkMax("The footer", footer, 60);
        }
        body.put("type", "interactive");
        ObjectNode interactive = body.putObject("interactive");
        StringBuilder shown = new StringBuilder();
        if (header != null) {
            shown.append(header).append('\n');
        }
        shown.append(text);
        if (footer != null) {
            shown.append('\n').append(footer);
        }
        switch (type) {
            case "BUTTONS", "BUTTON" -> {
                List<InboxRequests.ReplyButton> buttons = request.buttons() == null ? List.of() : request.buttons();
                if (buttons.isEmpty() || buttons.size() > 3) {
                    throw unprocessable("Reply buttons come in ones, twos or threes; this message has " + buttons.size() + ".");
                }
                interactive.put("type", "button");
                putTextParts(interactive, header, text, footer);
                ArrayNode list = interactive.putObject("action").putArray("buttons");
                Set<String> ids = new HashSet<>();
                StringBuilder labels = new StringBuilder();
                for (InboxRequests.ReplyButton button : buttons) {
                    String id = required(button.id(), "Each button needs an id (what comes back when it is tapped).");
                    String title = required(button.title(), "Each button needs a title.");
                    checkMax("A button id", id, 256);
                    checkMax("A button title", title, 20);
                    if (!ids.add(id)) {
                        throw unprocessable("Two buttons have the id '" + id + "'; ids must differ.");
                    }
                    list.addObject().put("type", "reply").putObject("reply").put("id", id).put("title", title);
                    labels.append(labels.isEmpty() ? "" : " ").append('[').append(title).append(']');
                }
                shown.append('\n').append(labels);
            }
            case "LIST" -> {
                String button = required(request.listButton(), "A list needs the text of the button that opens it.");
                checkMax("The list button", button, 20);
                List<InboxRequests.ListSection> sections = request.sections() == null ? List.of() : request.sections();
                if (sections.isEmpty() || sections.size() > 10) {
                    throw unprocessable("A list has 1 to 10 sections; this one has " + sections.size() + ".");
                }
                interactive.put("type", "list");
                putTextParts(interactive, header, text, footer);
                ObjectNode action = interactive.putObject("action");
                action.put("button", button);
                ArrayNode sectionNodes = action.putArray("sections");
                Set<String> ids = new HashSet<>();
                int rows = 0;
                for (InboxRequests.ListSection section : sections) {
                    ObjectNode sectionNode = sectionNodes.addObject();
                    String title = blankToNull(section.title());
                    if (title == null && sections.size() > 1) {
                        throw unprocessable("When a list has several sections, each needs a title.");
                    }
                    if (title != null) {
                        checkMax("A section title", title, 24);
                        sectionNode.put("title", title);
                    }
                    ArrayNode rowNodes = sectionNode.putArray("rows");
                    for (InboxRequests.ListRow row : section.rows() == null ? List.<InboxRequests.ListRow>of() : section.rows()) {
                        String id = required(row.id(), "Each list row needs an id.");
                        String rowTitle = required(row.title(), "Each list row needs a title.");
                        checkMax("A row id", id, 200);
                        checkMax("A row title", rowTitle, 24);
                        if (!ids.add(id)) {
                            throw unprocessable("Two rows have the id '" + id + "'; ids must differ.");
                        }
                        ObjectNode rowNode = rowNodes.addObject().put("id", id).put("title", rowTitle);
                        String description = blankToNull(row.description());
                        if (description != null) {
                            checkMax("A row description", description, 72);
                            rowNode.put("description", description);
                        }
                        rows++;
                    }
                    if (rowNodes.isEmpty()) {
                        throw unprocessable("Every section of a list needs at least one row.");
                    }
                }
                if (rows > 10) {
                    throw unprocessable("A list has at most 10 rows in all; this one has " + rows + ".");
                }
                shown.append("\n☰ ").append(button);
            }
            default -> throw unprocessable("An interactive message is of type BUTTONS or LIST.");
        }
        return new Composed(new MessageContent.Text(shown.toString()), body, path, null, null,
                MessagingWindows.Rule.WHATSAPP_FREE_FORM, null);
    }

    private static void putTextParts(ObjectNode interactive, String header, String text, String footer) {
        if (header != null) {
            interactive.putObject("header").put("type", "text").put("text", header);
        }
        interactive.putObject("body").put("text", text);
        if (footer != null) {
            interactive.putObject("footer").put("text", footer);
        }
    }

    /** A reaction on a WhatsApp message; an empty emoji takes the business's reaction off. */
    public static ObjectNode whatsAppReaction(String to, String targetProviderId, String emoji) {
        ObjectNode body = whatsAppEnvelope(to);
        body.put("type", "reaction");
        body.putObject("reaction").put("message_id", targetProviderId).put("emoji", emoji == null ? "" : emoji);
        return body;
    }

    /** Marks a customer's message (and all before it) as read: blue ticks on their side. */
    public static ObjectNode whatsAppMarkRead(String providerMessageId) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("status", "read");
        body.put("message_id", providerMessageId);
        return body;
    }

    // ---- Instagram ----

    private static Composed instagram(Target target, InboxRequests.SendMessage request) {
        if (request.template() != null || request.interactive() != null) {
            throw unprocessable("Templates and interactive messages are WhatsApp features; on Instagram send text or a file.");
        }
        if (target.quotedProviderId() != null) {
            throw unprocessable("Quoting a message is available on WhatsApp only; send the reply without the quote.");
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("recipient").put("id", target.recipient());
        ObjectNode message = body.putObject("message");
        String path = target.accountId() + "/messages";
        String text = blankToNull(request.text());
        if (text != null) {
            checkInstagramText(text);
            message.put("text", text);
            return new Composed(new MessageContent.Text(text), body, path, null, null, MessagingWindows.Rule.INSTAGRAM_REPLY, null);
        }
        InboxRequests.OutgoingMedia media = request.media();
        MediaKind kind = OutgoingFile.kind(media.kind());
        if (kind != MediaKind.IMAGE && kind != MediaKind.VIDEO && kind != MediaKind.AUDIO) {
            throw unprocessable("Instagram messages carry images, videos and audio; send the "
                    + kind.name().toLowerCase(Locale.ROOT) + " another way or as a link in text.");
        }
        if (blankToNull(media.uploadId()) != null || blankToNull(media.link()) == null) {
            throw unprocessable("Instagram fetches attachments from a public https link; give the file as link.");
        }
        if (blankToNull(media.caption()) != null) {
            throw unprocessable("Instagram attachments have no caption; send the text as its own message.");
        }
        String link = OutgoingFile.link(media.link());
        message.putObject("attachment").put("type", kind.name().toLowerCase(Locale.ROOT))
                .putObject("payload").put("url", link);
        MessageContent content = new MessageContent.Media(kind, null, link, null, null, null, null, null, null);
        return new Composed(content, body, path, null, null, MessagingWindows.Rule.INSTAGRAM_REPLY, null);
    }

    /** Adds the human-agent tag that lets a person's reply go out up to 7 days after the customer wrote. */
    public static void tagAsHumanAgent(ObjectNode instagramBody) {
        instagramBody.put("messaging_type", "MESSAGE_TAG");
        instagramBody.put("tag", "HUMAN_AGENT");
    }

    /** A private reply: a direct message to the author of a comment. */
    public static ObjectNode instagramPrivateReply(String commentId, String text) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("recipient").put("comment_id", commentId);
        body.putObject("message").put("text", text);
        return body;
    }

    /** Instagram reactions are a heart: react with "love", unreact to take it off. */
    public static ObjectNode instagramReaction(String to, String targetMessageId, boolean remove) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("recipient").put("id", to);
        body.put("sender_action", remove ? "unreact" : "react");
        ObjectNode payload = body.putObject("payload").put("message_id", targetMessageId);
        if (!remove) {
            payload.put("reaction", "love");
        }
        return body;
    }

    public static ObjectNode instagramMarkSeen(String to) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("recipient").put("id", to);
        body.put("sender_action", "mark_seen");
        return body;
    }

    static void checkInstagramText(String text) {
        int bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > INSTAGRAM_MAX_TEXT_BYTES) {
            throw unprocessable("Instagram messages can be at most 1,000 bytes; this one has " + bytes
                    + " (emoji and accented letters count as several).");
        }
    }

    private static void checkLength(String text, int max) {
        if (text.length() > max) {
            throw new id.orqestra.cloud.platform.web.ApiException(io.micronaut.http.HttpStatus.BAD_REQUEST,
                    "Invalid request", "A message can be at most " + max + " characters; this one has " + text.length() + ".");
        }
    }

    private static void checkMax(String what, String value, int max) {
        if (value.length() > max) {
            throw unprocessable(what + " can be at most " + max + " characters; '" + value + "' has " + value.length() + ".");
        }
    }

    private static String required(String value, String sentence) {
        String v = blankToNull(value);
        if (v == null) {
            throw unprocessable(sentence);
        }
        return v;
    }
}
