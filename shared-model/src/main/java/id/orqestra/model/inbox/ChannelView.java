package id.orqestra.model.inbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A connected WhatsApp number or Instagram account, without its secrets. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelView(
        long id,
        Platform platform,
        String name,
        String waPhoneNumberId,
        String waBusinessAccountId,
        String displayPhoneNumber,
        String igAccountId,
        String igUsername,
        boolean enabled) {
}
