package id.orqestra.model.inbox;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error as Meta reports it: numeric code, title, message, details and documentation link, any of
 * which may be absent. {@code explanation} is our own sentence for the agent (what happened and what to
 * do), added by the backend from its table of Meta's codes; it is also the only text when we refused
 * a message before calling Meta at all.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetaError(Integer code, String title, String message, String details, String href, String explanation) {

    @JsonCreator
    public MetaError {
    }

    /** Meta's error without our explanation (as webhooks carry it). */
    public MetaError(Integer code, String title, String message, String details, String href) {
        this(code, title, message, details, href, null);
    }

    /** Our own refusal, with no Meta error behind it. */
    public static MetaError refusal(String explanation) {
        return new MetaError(null, null, null, null, null, explanation);
    }

    public MetaError withExplanation(String sentence) {
        return new MetaError(code, title, message, details, href, sentence);
    }

    /** The sentence to show a person: our explanation, else the most specific text Meta gave. */
    public String bestText() {
        if (explanation != null && !explanation.isBlank()) {
            return explanation;
        }
        if (details != null && !details.isBlank()) {
            return details;
        }
        if (message != null && !message.isBlank()) {
            return message;
        }
        return title;
    }
}
