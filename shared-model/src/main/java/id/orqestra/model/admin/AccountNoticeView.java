package id.orqestra.model.admin;

import java.time.Instant;
import java.util.Map;

/** Account-level news from Meta (template status, quality, number quality, restrictions), for admins. */
public record AccountNoticeView(long id, Long channelId, String kind, String subject, String status, String summary,
                                Map<String, String> attributes, Instant occurredAt) {
}
