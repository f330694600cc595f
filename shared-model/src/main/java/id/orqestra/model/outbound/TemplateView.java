package id.orqestra.model.outbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WhatsApp message template as synced from the business account, in the form the template picker
 * needs: each part's text with its placeholders listed in order ({@code "1"}, {@code "2"} for
 * positional templates, names for named ones), the header's format (TEXT, IMAGE, VIDEO, DOCUMENT,
 * LOCATION) and the buttons, marking the ones whose value the sender fills in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TemplateView(long id, String wabaId, String name, String language, String status, String category,
                           String qualityScore, String parameterFormat, Header header, String body,
                           List<String> bodyParameters, String footer, List<Button> buttons, String rejectedReason,
                           Instant updatedAt) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Header(String format, String text, List<String> parameters) {
    }

    /** {@code type}: QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, FLOW, OTP, CATALOG… */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Button(int index, String type, String text, String url, String phoneNumber, boolean takesValue) {
    }

    public boolean approved() {
        return "APPROVED".equalsIgnoreCase(status);
    }

    /** The placeholders of a text in order of first appearance. */
    public static List<String> placeholders(String text) {
        if (text == null) {
            return List.of();
        }
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    /** The text with each placeholder replaced by its value; placeholders without a value stay as they are. */
    public static String fill(String text, Map<String, String> values) {
        if (text == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
