package id.orqestra.cloud.inbox.store;

import id.orqestra.model.inbox.Platform;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.Optional;

/** Finds or creates the contact behind a platform identity, keeping its profile current. */
@Singleton
public class ContactStore {

    /** A customer identity as a platform gave it; {@code externalId} (wa_id or IGSID) is kept exactly as received. */
    public record Identity(String externalId, String scopedUserId, String parentScopedUserId, String name, String username) {
    }

    /** The contact id, and whether this call created or changed it. */
    public record Upserted(long id, boolean changed) {
    }

    public Upserted upsert(Handle h, long orgId, long channelId, Platform platform, Identity who) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Long> existing = find(h, channelId, who);
            if (existing.isPresent()) {
                int updated = h.createUpdate("""
                                UPDATE contacts
                                   SET external_id = COALESCE(external_id, :external),
                                       scoped_user_id = COALESCE(:scoped, scoped_user_id),
                                       parent_scoped_user_id = COALESCE(:parent, parent_scoped_user_id),
                                       name = COALESCE(:name, name),
                                       username = COALESCE(:username, username),
                                       updated_at = now()
                                 WHERE id = :id
                                   AND ((external_id IS NULL AND :external IS NOT NULL)
                                     OR scoped_user_id IS DISTINCT FROM COALESCE(:scoped, scoped_user_id)
                                     OR parent_scoped_user_id IS DISTINCT FROM COALESCE(:parent, parent_scoped_user_id)
                                     OR name IS DISTINCT FROM COALESCE(:name, name)
                                     OR username IS DISTINCT FROM COALESCE(:username, username))
                                """)
                        .bind("id", existing.get())
                        .bind("external", who.externalId())
                        .bind("scoped", who.scopedUserId())
                        .bind("parent", who.parentScopedUserId())
                        .bind("name", blankToNull(who.name()))
                        .bind("username", blankToNull(who.username()))
                        .execute();
                return new Upserted(existing.get(), updated > 0);
            }
            Optional<Long> inserted = h.createQuery("""
                            INSERT INTO contacts (org_id, channel_id, platform, external_id, scoped_user_id,
                                                  parent_scoped_user_id, name, username)
                            VALUES (:org, :channel, :platform, :external, :scoped, :parent, :name, :username)
                            ON CONFLICT DO NOTHING
                            RETURNING id
                            """)
                    .bind("org", orgId)
                    .bind("channel", channelId)
                    .bind("platform", platform.name())
                    .bind("external", who.externalId())
                    .bind("scoped", who.scopedUserId())
                    .bind("parent", who.parentScopedUserId())
                    .bind("name", blankToNull(who.name()))
                    .bind("username", blankToNull(who.username()))
                    .mapTo(Long.class)
                    .findOne();
            if (inserted.isPresent()) {
                return new Upserted(inserted.get(), true);
            }
            // another transaction created it between our look-up and insert: look again
        }
        throw new IllegalStateException("Contact " + who + " could not be found or created on channel " + channelId);
    }

    private Optional<Long> find(Handle h, long channelId, Identity who) {
        if (who.externalId() != null) {
            Optional<Long> byExternal = h.createQuery("SELECT id FROM contacts WHERE channel_id = :channel AND external_id = :external")
                    .bind("channel", channelId).bind("external", who.externalId())
                    .mapTo(Long.class).findOne();
            if (byExternal.isPresent()) {
                return byExternal;
            }
        }
        if (who.scopedUserId() != null) {
            return h.createQuery("SELECT id FROM contacts WHERE channel_id = :channel AND scoped_user_id = :scoped")
                    .bind("channel", channelId).bind("scoped", who.scopedUserId())
                    .mapTo(Long.class).findOne();
        }
        return Optional.empty();
    }

    public boolean setMarketingOptOut(Handle h, long contactId, boolean optOut) {
        return h.createUpdate("""
                        UPDATE contacts SET marketing_opt_out = :optOut, updated_at = now()
                         WHERE id = :id AND marketing_opt_out IS DISTINCT FROM :optOut
                        """)
                .bind("id", contactId).bind("optOut", optOut).execute() > 0;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
