package id.orqestra.model.admin;

import java.time.Instant;
import java.util.Map;

/** One administrative action: who did what to which thing, and when. */
public record AuditEntry(long id, Instant at, Long actorUserId, String actorName, String action, String subject,
                         Map<String, String> details) {
}
