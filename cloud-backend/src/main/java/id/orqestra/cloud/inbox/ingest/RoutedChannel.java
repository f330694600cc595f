package id.orqestra.cloud.inbox.ingest;

import id.orqestra.model.inbox.Platform;

/** The channel (and so the organization) a webhook change was routed to. */
public record RoutedChannel(long channelId, long orgId, Platform platform) {
}
