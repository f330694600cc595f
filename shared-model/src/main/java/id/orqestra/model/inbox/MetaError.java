package id.orqestra.model.inbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** An error as Meta reports it: numeric code, title, message, details and documentation link, any of which may be absent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetaError(Integer code, String title, String message, String details, String href) {

    /** The most specific text Meta gave, for people. */
    public String bestText() {
        if (details != null && !details.isBlank()) {
            return details;
        }
        if (message != null && !message.isBlank()) {
            return message;
        }
        return title;
    }
}
