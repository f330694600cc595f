package id.orqestra.model.outbound;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/templates?channelId=}: the templates of the channel's WhatsApp Business Account
 * (all connected accounts without {@code channelId}) and how the latest sync went.
 */
public record TemplateList(List<TemplateView> templates, List<TemplateSyncView> syncs) {

    /**
     * One business account's latest sync: {@code state} is QUEUED, RUNNING, DONE or FAILED;
     * {@code error} is a sentence when it failed.
     */
    public record TemplateSyncView(long channelId, String wabaId, String state, Instant requestedAt,
                                   Instant finishedAt, Integer templateCount, String error) {
    }
}
