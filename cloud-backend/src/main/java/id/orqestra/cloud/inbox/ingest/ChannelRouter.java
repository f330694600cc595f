package id.orqestra.cloud.inbox.ingest;

import id.orqestra.cloud.meta.Route;
import id.orqestra.model.inbox.Platform;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.Optional;

/** Finds the channel that owns a webhook change: by phone number id, WABA id or Instagram account id. */
@Singleton
public class ChannelRouter {

    public Optional<RoutedChannel> route(Handle h, Route route) {
        String sql = switch (route.kind()) {
            case WHATSAPP_PHONE_NUMBER -> "SELECT id, org_id, platform FROM channels WHERE wa_phone_number_id = :account";
            // several numbers can share a WABA; account-level news goes to the organization of the first
            case WHATSAPP_BUSINESS_ACCOUNT ->
                    "SELECT id, org_id, platform FROM channels WHERE wa_business_account_id = :account ORDER BY id LIMIT 1";
            case INSTAGRAM_ACCOUNT -> "SELECT id, org_id, platform FROM channels WHERE ig_account_id = :account";
            case NONE -> null;
        };
        if (sql == null) {
            return Optional.empty();
        }
        return h.createQuery(sql)
                .bind("account", route.accountId())
                .map((rs, ctx) -> new RoutedChannel(rs.getLong("id"), rs.getLong("org_id"),
                        Platform.valueOf(rs.getString("platform"))))
                .findOne();
    }
}
