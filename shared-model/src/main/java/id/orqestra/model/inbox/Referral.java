package id.orqestra.model.inbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the customer arrived: a click-to-WhatsApp or click-to-Instagram-Direct ad, an ig.me link, a
 * post. An ad entry opens WhatsApp's 72-hour free-entry window instead of the usual 24 hours.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Referral(
        String sourceType,
        String sourceId,
        String sourceUrl,
        String headline,
        String body,
        String mediaType,
        String imageUrl,
        String videoUrl,
        String thumbnailUrl,
        String ctwaClid,
        String ref,
        String adId,
        String welcomeMessage) {

    /** True when the customer came from an ad (WhatsApp source_type "ad", or an Instagram ad id). */
    public boolean fromAd() {
        return "ad".equalsIgnoreCase(sourceType) || ctwaClid != null || adId != null;
    }
}
