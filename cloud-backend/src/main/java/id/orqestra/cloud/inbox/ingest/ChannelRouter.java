package id.orqestra.cloud.inbox.ingest;

import id.orqestra.cloud.meta.Route;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.model.inbox.Platform;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.Optional;

/**
 * Finds the channel that owns a webhook change — by phone number id, WABA id or Instagram account id —
 * and claims the change for this transaction in the same round trip.
 */
@Singleton
public class ChannelRouter {

    private final Tx tx;

    public ChannelRouter(Tx tx) {
        this.tx = tx;
    }

    /** Whether the change was still to be applied, and where it goes. */
    public record Claim(boolean fresh, Optional<RoutedChannel> channel) {
    }

    /**
     * Marks (journal row, change) as applied — false when an earlier attempt already did — finds the
     * owning channel, and narrows the transaction to its organization (see {@link Tx#enterOrg}); one
     * statement, because this runs for every change Meta sends.
     */
    public Claim claimAndRoute(Handle h, long journalId, int changeIndex, Route route) {
        String owner = switch (route.kind()) {
            case WHATSAPP_PHONE_NUMBER -> "SELECT id, org_id, platform FROM channels WHERE wa_phone_number_id = :account";
            // several numbers can share a WABA; account-level news goes to the organization of the first
            case WHATSAPP_BUSINESS_ACCOUNT ->
                    "SELECT id, org_id, platform FROM channels WHERE wa_business_account_id = :account ORDER BY id LIMIT 1";
            case INSTAGRAM_ACCOUNT -> "SELECT id, org_id, platform FROM channels WHERE ig_account_id = :account";
            case NONE -> "SELECT id, org_id, platform FROM channels WHERE FALSE";
        };
        return h.createQuery("""
                        WITH marked AS (
                            INSERT INTO webhook_changes_applied (journal_id, change_index) VALUES (:journal, :index)
                            ON CONFLICT DO NOTHING RETURNING 1),
                        owner AS (%s)
                        SELECT (SELECT count(*) FROM marked) > 0 AS fresh, owner.id, owner.org_id, owner.platform,
                               set_config('app.org_id', COALESCE(owner.org_id::text, ''), true) AS org_setting,
                               set_config('role', CASE WHEN owner.id IS NULL THEN 'none' ELSE :tenantRole END, true) AS role_setting
                          FROM (SELECT 1) AS one LEFT JOIN owner ON TRUE
                        """.formatted(owner))
                .bind("journal", journalId)
                .bind("index", changeIndex)
                .bind("account", route.accountId())
                .bind("tenantRole", tx.tenantRole())
                .map((rs, ctx) -> {
                    long channel = rs.getLong("id");
                    Optional<RoutedChannel> routed = rs.wasNull() ? Optional.empty()
                            : Optional.of(new RoutedChannel(channel, rs.getLong("org_id"), Platform.valueOf(rs.getString("platform"))));
                    return new Claim(rs.getBoolean("fresh"), routed);
                })
                .one();
    }
}
