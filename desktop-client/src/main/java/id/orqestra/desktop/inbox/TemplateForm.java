package id.orqestra.desktop.inbox;

import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.outbound.TemplateView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a template asks the agent to fill in, and what it becomes: its variables as fields (header text,
 * body, button values), each value checked the way the server checks it, the preview as the customer
 * will read it, and the {@code template} part of the send. Pure: tested without UI or server.
 */
public final class TemplateForm {

    /** Where a variable sits. */
    public enum Part { HEADER, BODY, BUTTON }

    /**
     * One value to fill in: {@code placeholder} is "1", "2"… or a name; {@code buttonIndex} is the
     * button's position for {@link Part#BUTTON} (else -1).
     */
    public record Field(Part part, String placeholder, int buttonIndex, String label, String hint, boolean required) {
        public String key() {
            return part == Part.BUTTON ? "button:" + buttonIndex : part.name().toLowerCase(Locale.ROOT) + ":" + placeholder;
        }
    }

    /** The template as the customer will see it; unfilled placeholders stay visible as {{1}}. */
    public record Preview(String header, String body, String footer, List<String> buttons) {
        /** The text the conversation shows for the sent template (the server renders it the same way). */
        public String rendered() {
            StringBuilder text = new StringBuilder();
            if (header != null && !header.isBlank()) {
                text.append(header).append('\n');
            }
            text.append(body == null ? "" : body);
            if (footer != null && !footer.isBlank()) {
                text.append('\n').append(footer);
            }
            return text.toString().strip();
        }
    }

    /** WhatsApp refuses values with new lines, tabs or more than four spaces in a row (error 132007). */
    private static final Pattern FORBIDDEN_IN_VALUES = Pattern.compile("[\\n\\t]| {5,}");
    static final int MAX_VALUE_LENGTH = 1024;

    private TemplateForm() {
    }

    /** The values {@code template} needs, header first, then body, then buttons. */
    public static List<Field> fields(TemplateView template) {
        List<Field> fields = new ArrayList<>();
        TemplateView.Header header = template.header();
        if (header != null && "TEXT".equalsIgnoreCase(header.format()) && header.parameters() != null) {
            for (String placeholder : header.parameters()) {
                fields.add(new Field(Part.HEADER, placeholder, -1, "Header {{" + placeholder + "}}",
                        header.text(), true));
            }
        }
        for (String placeholder : template.bodyParameters() == null ? List.<String>of() : template.bodyParameters()) {
            fields.add(new Field(Part.BODY, placeholder, -1, "Body {{" + placeholder + "}}",
                    around(template.body(), placeholder), true));
        }
        for (TemplateView.Button button : template.buttons() == null ? List.<TemplateView.Button>of() : template.buttons()) {
            if (!button.takesValue()) {
                continue;
            }
            String name = button.text() == null || button.text().isBlank() ? "button " + (button.index() + 1) : button.text();
            Field field = switch (button.type() == null ? "" : button.type().toUpperCase(Locale.ROOT)) {
                case "URL" -> new Field(Part.BUTTON, null, button.index(), "End of the link of “" + name + "”",
                        button.url(), true);
                case "COPY_CODE" -> new Field(Part.BUTTON, null, button.index(), "Code to copy", null, true);
                default -> new Field(Part.BUTTON, null, button.index(), "Reply payload of “" + name + "” (optional)",
                        "Comes back to you when the customer taps it", false);
            };
            fields.add(field);
        }
        return fields;
    }

    /** The words around a placeholder ("…perjalanan bersama {{1}}. Perkiraan tiba…"), so its field says what goes there. */
    static String around(String text, String placeholder) {
        if (text == null) {
            return null;
        }
        java.util.regex.Matcher m = Pattern.compile("\\{\\{\\s*" + Pattern.quote(placeholder) + "\\s*}}").matcher(text);
        if (!m.find()) {
            return null;
        }
        int from = Math.max(0, m.start() - 28);
        int to = Math.min(text.length(), m.end() + 24);
        // whole words only
        if (from > 0 && text.indexOf(' ', from) >= 0 && text.indexOf(' ', from) < m.start()) {
            from = text.indexOf(' ', from) + 1;
        }
        if (to < text.length() && text.lastIndexOf(' ', to) > m.end()) {
            to = text.lastIndexOf(' ', to);
        }
        String snippet = text.substring(from, to).replace('\n', ' ').strip();
        return (from > 0 ? "…" : "") + snippet + (to < text.length() ? "…" : "");
    }

    /** The header's media format (IMAGE, VIDEO, DOCUMENT) when the template starts with a file; else null. */
    public static String headerMediaFormat(TemplateView template) {
        TemplateView.Header header = template.header();
        if (header == null || header.format() == null) {
            return null;
        }
        String format = header.format().toUpperCase(Locale.ROOT);
        return switch (format) {
            case "IMAGE", "VIDEO", "DOCUMENT" -> format;
            default -> null;
        };
    }

    /** Why this template cannot be sent from here at all, or null. */
    public static String unusable(TemplateView template) {
        if (!template.approved()) {
            return "This template is " + (template.status() == null ? "not approved" : template.status().toLowerCase(Locale.ROOT))
                    + "; WhatsApp sends only approved templates.";
        }
        if (template.header() != null && "LOCATION".equalsIgnoreCase(template.header().format())) {
            return "This template starts with a location, which Orqestra cannot fill in yet; choose another template.";
        }
        return null;
    }

    /** What is wrong with {@code value} for {@code field}, or null when it can go. */
    public static String problem(Field field, String value) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            return field.required() ? "Fill this in." : null;
        }
        if (FORBIDDEN_IN_VALUES.matcher(text).find()) {
            return "No line breaks, tabs or more than four spaces in a row: WhatsApp refuses them in templates.";
        }
        if (text.length() > MAX_VALUE_LENGTH) {
            return "At most 1,024 characters; this has " + String.format(Locale.ROOT, "%,d", text.length()) + ".";
        }
        return null;
    }

    /** The template with {@code values} (by {@link Field#key()}) filled in. */
    public static Preview preview(TemplateView template, Map<String, String> values) {
        Map<String, String> header = new HashMap<>();
        Map<String, String> body = new HashMap<>();
        for (Field field : fields(template)) {
            String value = values.get(field.key());
            if (value == null || value.isBlank()) {
                continue;
            }
            switch (field.part()) {
                case HEADER -> header.put(field.placeholder(), value.strip());
                case BODY -> body.put(field.placeholder(), value.strip());
                case BUTTON -> { }
            }
        }
        TemplateView.Header h = template.header();
        String headerText = h == null || !"TEXT".equalsIgnoreCase(h.format()) ? null : TemplateView.fill(h.text(), header);
        List<String> buttons = template.buttons() == null ? List.of()
                : template.buttons().stream().map(b -> b.text() == null ? "Button" : b.text()).toList();
        return new Preview(headerText, TemplateView.fill(template.body() == null ? "" : template.body(), body),
                template.footer(), buttons);
    }

    /**
     * The {@code template} part of the send. Values in placeholder order, named when the template's
     * placeholders are names; optional button values only when given. The header's file, if any, is
     * added when it has been uploaded.
     */
    public static InboxRequests.TemplateMessage message(TemplateView template, Map<String, String> values) {
        boolean named = "NAMED".equalsIgnoreCase(template.parameterFormat());
        List<InboxRequests.TemplateParameter> header = new ArrayList<>();
        List<InboxRequests.TemplateParameter> body = new ArrayList<>();
        List<InboxRequests.TemplateButton> buttons = new ArrayList<>();
        for (Field field : fields(template)) {
            String value = values.getOrDefault(field.key(), "").strip();
            switch (field.part()) {
                case HEADER -> header.add(new InboxRequests.TemplateParameter(named ? field.placeholder() : null, value));
                case BODY -> body.add(new InboxRequests.TemplateParameter(named ? field.placeholder() : null, value));
                case BUTTON -> {
                    if (!value.isEmpty()) {
                        buttons.add(new InboxRequests.TemplateButton(field.buttonIndex(), value));
                    }
                }
            }
        }
        return new InboxRequests.TemplateMessage(template.name(), template.language(), header.isEmpty() ? null : header,
                null, body.isEmpty() ? null : body, buttons.isEmpty() ? null : buttons);
    }
}
