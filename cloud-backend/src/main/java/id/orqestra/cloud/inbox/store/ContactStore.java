package id.orqestra.cloud.inbox.store;

import id.orqestra.model.inbox.Platform;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
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

    /**
     * Finds the contact by platform id or business-scoped id, creating it when new. {@code at} is when
     * the platform reported this profile: an older report never overwrites a newer name.
     */
    public Upserted upsert(Handle h, long orgId, long channelId, Platform platform, Identity who, Instant at) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Stored> existing = find(h, channelId, who);
            if (existing.isPresent()) {
                return refresh(h, existing.get(), who, at);
            }
            Optional<Long> inserted = h.createQuery("""
                            INSERT INTO contacts (org_id, channel_id, platform, external_id, scoped_user_id,
                                                  parent_scoped_user_id, name, username, profile_at)
                            VALUES (:org, :channel, :platform, :external, :scoped, :parent, :name, :username, :at)
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
                    .bind("at", at)
                    .mapTo(Long.class)
                    .findOne();
            if (inserted.isPresent()) {
                return new Upserted(inserted.get(), true);
            }
            // another transaction created it between our look-up and insert: look again
        }
        throw new IllegalStateException("Contact " + who + " could not be found or created on channel " + channelId);
    }

    private record Stored(long id, String externalId, String scopedUserId, String parentScopedUserId, String name,
                          String username, Instant profileAt) {
    }

    /**
     * Ids only ever fill in; the profile (name, username) follows the newest report — at the same
     * instant the larger name wins, so replays in any order end the same. Returns whether anything a
     * person would see changed.
     */
    private Upserted refresh(Handle h, Stored stored, Identity who, Instant at) {
        long id = stored.id();
        String name = blankToNull(who.name());
        boolean newer = stored.profileAt() == null || at.isAfter(stored.profileAt())
                || (at.equals(stored.profileAt()) && nullToEmpty(name).compareTo(nullToEmpty(stored.name())) > 0);
        Stored next = new Stored(id,
                firstNonNull(stored.externalId(), who.externalId()),
                firstNonNull(stored.scopedUserId(), who.scopedUserId()),
                firstNonNull(stored.parentScopedUserId(), who.parentScopedUserId()),
                newer && name != null ? name : stored.name(),
                newer && blankToNull(who.username()) != null ? blankToNull(who.username()) : stored.username(),
                newer ? at : stored.profileAt());
        if (next.equals(stored)) {
            return new Upserted(id, false);
        }
        h.createUpdate("""
                        UPDATE contacts SET external_id = :external, scoped_user_id = :scoped,
                               parent_scoped_user_id = :parent, name = :name, username = :username,
                               profile_at = :at, updated_at = now()
                         WHERE id = :id
                        """)
                .bind("id", id)
                .bind("external", next.externalId())
                .bind("scoped", next.scopedUserId())
                .bind("parent", next.parentScopedUserId())
                .bind("name", next.name())
                .bind("username", next.username())
                .bind("at", next.profileAt())
                .execute();
        boolean visible = !java.util.Objects.equals(next.name(), stored.name())
                || !java.util.Objects.equals(next.username(), stored.username())
                || !java.util.Objects.equals(next.externalId(), stored.externalId())
                || !java.util.Objects.equals(next.scopedUserId(), stored.scopedUserId());
        return new Upserted(id, visible);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The contact with this platform id, else this business-scoped id, locked for the profile update. */
    private Optional<Stored> find(Handle h, long channelId, Identity who) {
        // two plain look-ups rather than one OR: each uses its own unique index
        if (who.externalId() != null) {
            Optional<Stored> byExternal = lockedBy(h, "external_id", channelId, who.externalId());
            if (byExternal.isPresent()) {
                return byExternal;
            }
        }
        return who.scopedUserId() == null ? Optional.empty() : lockedBy(h, "scoped_user_id", channelId, who.scopedUserId());
    }

    private static Optional<Stored> lockedBy(Handle h, String column, long channelId, String value) {
        return h.createQuery("SELECT id, external_id, scoped_user_id, parent_scoped_user_id, name, username, profile_at "
                        + "FROM contacts WHERE channel_id = :channel AND " + column + " = :value FOR UPDATE")
                .bind("channel", channelId)
                .bind("value", value)
                .map((rs, ctx) -> new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
                .findOne();
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
