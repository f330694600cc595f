package id.orqestra.model.inbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a message relates to: the message it replies to, whether it was forwarded, the catalog product
 * it asks about, the Instagram story it answers, the WhatsApp group it was posted in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageContext(
        String replyToMessageId,
        String replyToFrom,
        boolean forwarded,
        boolean frequentlyForwarded,
        String referredCatalogId,
        String referredProductRetailerId,
        String storyId,
        String storyUrl,
        String groupId) {

    public static final MessageContext NONE = new MessageContext(null, null, false, false, null, null, null, null, null);

    public boolean isEmpty() {
        return equals(NONE);
    }
}
