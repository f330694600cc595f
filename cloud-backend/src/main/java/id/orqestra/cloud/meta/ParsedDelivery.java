package id.orqestra.cloud.meta;

import id.orqestra.model.inbox.Platform;

import java.util.List;

/**
 * A whole webhook body, parsed. {@code malformedReason} is set (and {@code changes} empty) when the
 * body is not JSON at all; anything that is JSON but unexpected becomes an {@link MetaEvent.Unsupported}.
 */
public record ParsedDelivery(Platform platform, List<ParsedChange> changes, String malformedReason) {

    public static ParsedDelivery malformed(Platform platform, String reason) {
        return new ParsedDelivery(platform, List.of(), reason);
    }

    public boolean malformed() {
        return malformedReason != null;
    }
}
