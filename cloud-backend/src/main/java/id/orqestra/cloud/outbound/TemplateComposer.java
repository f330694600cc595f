package id.orqestra.cloud.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.outbound.TemplateView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import static id.orqestra.cloud.outbound.OutgoingFile.unprocessable;

/**
 * Turns a synced template definition (Meta's {@code components}) and the values an agent filled in
 * into the {@code template} object of a send, checking first — before any call — that the count of
 * values, their names, the header's media kind and the buttons match the definition. Every mismatch is
 * refused with a sentence naming what to fix.
 */
public final class TemplateComposer {

    /** A template as stored from the business account. */
    public record Definition(long id, String wabaId, String name, String language, String status, String category,
                            String qualityScore, String parameterFormat, JsonNode components, String rejectedReason,
                            Instant updatedAt) {
        boolean named() {
            return "NAMED".equalsIgnoreCase(parameterFormat);
        }
    }

    /** The {@code template} object for the Graph body, the text as the customer will read it, and the file of a media header. */
    public record Composed(ObjectNode template, String rendered, OutgoingFile headerFile, String headerMediaPointer) {
    }

    /** WhatsApp refuses values with new lines, tabs or more than four spaces in a row (error 132007). */
    private static final Pattern FORBIDDEN_IN_VALUES = Pattern.compile("[\\n\\t]| {5,}");
    private static final Set<String> MEDIA_FORMATS = Set.of("IMAGE", "VIDEO", "DOCUMENT");

    private TemplateComposer() {
    }

    /** The picker's view of a definition. */
    public static TemplateView view(Definition d) {
        TemplateView.Header header = null;
        String body = null;
        String footer = null;
        List<TemplateView.Button> buttons = new ArrayList<>();
        for (JsonNode component : d.components()) {
            switch (type(component)) {
                case "HEADER" -> {
                    String format = component.path("format").asText("TEXT").toUpperCase(Locale.ROOT);
                    String text = component.hasNonNull("text") ? component.get("text").asText() : null;
                    header = new TemplateView.Header(format, text, TemplateView.placeholders(text));
                }
                case "BODY" -> body = component.path("text").asText(null);
                case "FOOTER" -> footer = component.path("text").asText(null);
                case "BUTTONS" -> {
                    int index = 0;
                    for (JsonNode button : component.path("buttons")) {
                        String type = button.path("type").asText("").toUpperCase(Locale.ROOT);
                        String url = button.path("url").asText(null);
                        String text = button.path("text").asText("COPY_CODE".equals(type) ? "Copy offer code" : null);
                        buttons.add(new TemplateView.Button(index++, type, text, url,
                                button.path("phone_number").asText(null), takesValue(type, url)));
                    }
                }
                default -> { }
            }
        }
        return new TemplateView(d.id(), d.wabaId(), d.name(), d.language(), d.status(), d.category(), d.qualityScore(),
                d.named() ? "NAMED" : "POSITIONAL", header, body, TemplateView.placeholders(body), footer,
                List.copyOf(buttons), d.rejectedReason(), d.updatedAt());
    }

    private static boolean takesValue(String type, String url) {
        return switch (type) {
            case "URL" -> url != null && !TemplateView.placeholders(url).isEmpty();
            case "COPY_CODE", "QUICK_REPLY" -> true;
            default -> false;
        };
    }

    /** Checks the values against the definition and builds the {@code template} object. */
    public static Composed compose(Definition d, InboxRequests.TemplateMessage request,
                                   Function<String, Optional<MediaUploads.Upload>> uploads) {
        TemplateView view = view(d);
        if (!view.approved()) {
            throw unprocessable("Template " + d.name() + " (" + d.language() + ") is " + d.status().toLowerCase(Locale.ROOT)
                    + ", not approved; WhatsApp sends only approved templates.");
        }
        ObjectNode template = Json.mapper().createObjectNode();
        template.put("name", d.name());
        template.putObject("language").put("code", d.language());
        ArrayNode components = Json.mapper().createArrayNode();
        Map<String, String> headerValues = new HashMap<>();
        Map<String, String> bodyValues = new HashMap<>();
        OutgoingFile headerFile = null;
        String headerPointer = null;

        TemplateView.Header header = view.header();
        List<InboxRequests.TemplateParameter> givenHeader = orEmpty(request.header());
        if (header == null || !"TEXT".equals(header.format())) {
            if (!givenHeader.isEmpty()) {
                throw unprocessable("Template " + d.name() + " has no text header to fill; leave header out.");
            }
        }
        if (header != null && "LOCATION".equals(header.format())) {
            throw unprocessable("Template " + d.name() + " has a location header, which Orqestra cannot fill yet; choose "
                    + "another template.");
        }
        if (header != null && MEDIA_FORMATS.contains(header.format())) {
            if (request.headerMedia() == null) {
                throw unprocessable("Template " + d.name() + " starts with " + header.format().toLowerCase(Locale.ROOT)
                        + "; attach it as headerMedia.");
            }
            headerFile = OutgoingFile.of(request.headerMedia(), uploads);
            if (!headerFile.kind().name().equals(header.format())) {
                throw unprocessable("Template " + d.name() + " needs " + header.format().toLowerCase(Locale.ROOT)
                        + " in its header, not " + headerFile.kind().name().toLowerCase(Locale.ROOT) + ".");
            }
            ObjectNode parameter = Json.mapper().createObjectNode().put("type", headerFile.graphType());
            ObjectNode media = parameter.putObject(headerFile.graphType());
            if (headerFile.link() != null) {
                media.put("link", headerFile.link());
            }
            if (headerFile.filename() != null) {
                media.put("filename", headerFile.filename());
            }
            ObjectNode component = Json.mapper().createObjectNode().put("type", "header");
            component.putArray("parameters").add(parameter);
            headerPointer = "/template/components/" + components.size() + "/parameters/0/" + headerFile.graphType() + "/id";
            components.add(component);
        } else if (request.headerMedia() != null) {
            throw unprocessable("Template " + d.name() + " has no picture, video or document header; leave headerMedia out.");
        } else if (header != null && !header.parameters().isEmpty()) {
            ArrayNode parameters = values(d, "header", header.parameters(), givenHeader, headerValues);
            components.add(Json.mapper().createObjectNode().put("type", "header").set("parameters", parameters));
        } else if (!givenHeader.isEmpty()) {
            throw unprocessable("The header of template " + d.name() + " has no placeholders; leave header out.");
        }

        List<InboxRequests.TemplateParameter> givenBody = orEmpty(request.body());
        if (!view.bodyParameters().isEmpty()) {
            ArrayNode parameters = values(d, "body", view.bodyParameters(), givenBody, bodyValues);
            components.add(Json.mapper().createObjectNode().put("type", "body").set("parameters", parameters));
        } else if (!givenBody.isEmpty()) {
            throw unprocessable("The body of template " + d.name() + " has no placeholders, but " + givenBody.size()
                    + (givenBody.size() == 1 ? " value was" : " values were") + " given.");
        }

        Set<Integer> seen = new LinkedHashSet<>();
        for (InboxRequests.TemplateButton given : orEmpty(request.buttons())) {
            if (given.index() < 0 || given.index() >= view.buttons().size()) {
                throw unprocessable("Template " + d.name() + " has " + view.buttons().size() + " button"
                        + (view.buttons().size() == 1 ? "" : "s") + "; there is no button " + given.index() + ".");
            }
            if (!seen.add(given.index())) {
                throw unprocessable("Button " + given.index() + " is given twice.");
            }
            TemplateView.Button button = view.buttons().get(given.index());
            if (!button.takesValue()) {
                throw unprocessable("Button " + given.index() + " (" + button.text() + ") of template " + d.name()
                        + " takes no value.");
            }
            String value = given.value() == null ? "" : given.value().strip();
            if (value.isEmpty()) {
                throw unprocessable("Button " + given.index() + " (" + button.text() + ") needs a value.");
            }
            components.add(buttonComponent(button, value));
        }
        for (TemplateView.Button button : view.buttons()) {
            boolean required = button.takesValue() && !"QUICK_REPLY".equals(button.type());
            if (required && !seen.contains(button.index())) {
                throw unprocessable("Button " + button.index() + " (" + button.text() + ") of template " + d.name()
                        + " needs a value: " + ("URL".equals(button.type()) ? "the end of its link." : "the code to copy."));
            }
        }
        if (!components.isEmpty()) {
            template.set("components", components);
        }
        StringBuilder rendered = new StringBuilder();
        if (header != null && "TEXT".equals(header.format()) && header.text() != null) {
            rendered.append(TemplateView.fill(header.text(), headerValues)).append('\n');
        }
        rendered.append(TemplateView.fill(view.body() == null ? "" : view.body(), bodyValues));
        if (view.footer() != null) {
            rendered.append('\n').append(view.footer());
        }
        return new Composed(template, rendered.toString().strip(), headerFile, headerPointer);
    }

    private static ArrayNode values(Definition d, String part, List<String> placeholders,
                                    List<InboxRequests.TemplateParameter> given, Map<String, String> filled) {
        ArrayNode parameters = Json.mapper().createArrayNode();
        if (given.size() != placeholders.size()) {
            throw unprocessable("The " + part + " of template " + d.name() + " has " + placeholders.size() + " placeholder"
                    + (placeholders.size() == 1 ? "" : "s") + " but " + given.size() + (given.size() == 1 ? " value was" : " values were")
                    + " given.");
        }
        Map<String, String> byName = new HashMap<>();
        if (d.named()) {
            for (InboxRequests.TemplateParameter parameter : given) {
                if (parameter.name() == null || parameter.name().isBlank()) {
                    throw unprocessable("Template " + d.name() + " uses named placeholders; name each value ("
                            + String.join(", ", placeholders) + ").");
                }
                byName.put(parameter.name().strip(), parameter.text());
            }
            List<String> missing = placeholders.stream().filter(p -> !byName.containsKey(p)).toList();
            if (!missing.isEmpty()) {
                throw unprocessable("The " + part + " of template " + d.name() + " needs a value for "
                        + String.join(", ", missing) + ".");
            }
        }
        for (int i = 0; i < placeholders.size(); i++) {
            String placeholder = placeholders.get(i);
            String value = d.named() ? byName.get(placeholder) : given.get(i).text();
            value = value == null ? "" : value.strip();
            if (value.isEmpty()) {
                throw unprocessable("Placeholder {{" + placeholder + "}} in the " + part + " of template " + d.name()
                        + " needs a value.");
            }
            if (FORBIDDEN_IN_VALUES.matcher(value).find()) {
                throw unprocessable("The value for {{" + placeholder + "}} has a line break, a tab or more than four spaces "
                        + "in a row, which WhatsApp does not allow in templates.");
            }
            if (value.length() > 1024) {
                throw unprocessable("The value for {{" + placeholder + "}} is longer than 1,024 characters.");
            }
            filled.put(placeholder, value);
            ObjectNode parameter = parameters.addObject().put("type", "text");
            if (d.named()) {
                parameter.put("parameter_name", placeholder);
            }
            parameter.put("text", value);
        }
        return parameters;
    }

    private static ObjectNode buttonComponent(TemplateView.Button button, String value) {
        ObjectNode component = Json.mapper().createObjectNode().put("type", "button");
        ObjectNode parameter = Json.mapper().createObjectNode();
        switch (button.type()) {
            case "URL" -> {
                component.put("sub_type", "url");
                parameter.put("type", "text").put("text", value);
            }
            case "COPY_CODE" -> {
                component.put("sub_type", "copy_code");
                parameter.put("type", "coupon_code").put("coupon_code", value);
            }
            default -> {
                component.put("sub_type", "quick_reply");
                parameter.put("type", "payload").put("payload", value);
            }
        }
        component.put("index", Integer.toString(button.index()));
        component.putArray("parameters").add(parameter);
        return component;
    }

    private static String type(JsonNode component) {
        return component.path("type").asText("").toUpperCase(Locale.ROOT);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
