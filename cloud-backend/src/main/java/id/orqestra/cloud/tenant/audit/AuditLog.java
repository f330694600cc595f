package id.orqestra.cloud.tenant.audit;

import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.model.admin.AuditEntry;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Map;

/** Who did what to which thing, written in the same transaction as the action itself. */
@Singleton
public class AuditLog {

    public void record(Handle h, Principal.Member actor, String action, String subject, Map<String, String> details) {
        h.createUpdate("""
                        INSERT INTO audit_log (org_id, actor_user_id, actor_name, action, subject, details)
                        VALUES (:org, :actor, :name, :action, :subject, CAST(:details AS jsonb))
                        """)
                .bind("org", actor.orgId())
                .bind("actor", actor.userId())
                .bind("name", actor.name())
                .bind("action", action)
                .bind("subject", subject)
                .bind("details", Json.write(details == null ? Map.of() : details))
                .execute();
    }

    public List<AuditEntry> recent(Handle h, long orgId, int limit) {
        return h.createQuery("""
                        SELECT id, at, actor_user_id, actor_name, action, subject, details::text AS details
                          FROM audit_log WHERE org_id = :org ORDER BY at DESC, id DESC LIMIT :limit
                        """)
                .bind("org", orgId)
                .bind("limit", limit)
                .map((rs, ctx) -> {
                    long actor = rs.getLong("actor_user_id");
                    @SuppressWarnings("unchecked")
                    Map<String, String> details = Json.read(rs.getString("details"), Map.class);
                    return new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                            rs.wasNull() ? null : actor, rs.getString("actor_name"), rs.getString("action"),
                            rs.getString("subject"), details);
                })
                .list();
    }
}
