package id.orqestra.cloud.channel;

import id.orqestra.cloud.platform.crypto.SecretBox;
import id.orqestra.model.inbox.ChannelView;
import id.orqestra.model.inbox.Platform;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Connected WhatsApp numbers and Instagram accounts. Access tokens are sealed with {@link SecretBox}
 * on the way in and only unsealed for a Graph API call; no view carries them.
 */
@Singleton
public class ChannelStore {

    private final SecretBox secrets;

    public ChannelStore(SecretBox secrets) {
        this.secrets = secrets;
    }

    public record NewWhatsAppChannel(String name, String businessAccountId, String phoneNumberId, String displayPhoneNumber,
                                     String accessToken) {
    }

    public record NewInstagramChannel(String name, String accountId, String username, String accessToken) {
    }

    public long createWhatsApp(Handle h, long orgId, NewWhatsAppChannel c) {
        return h.createQuery("""
                        INSERT INTO channels (org_id, platform, name, wa_business_account_id, wa_phone_number_id,
                                              display_phone_number, access_token_enc)
                        VALUES (:org, 'WHATSAPP', :name, :waba, :phone, :display, :token) RETURNING id
                        """)
                .bind("org", orgId)
                .bind("name", c.name())
                .bind("waba", c.businessAccountId())
                .bind("phone", c.phoneNumberId())
                .bind("display", c.displayPhoneNumber())
                .bind("token", secrets.encrypt(c.accessToken()))
                .mapTo(Long.class)
                .one();
    }

    public long createInstagram(Handle h, long orgId, NewInstagramChannel c) {
        return h.createQuery("""
                        INSERT INTO channels (org_id, platform, name, ig_account_id, ig_username, access_token_enc)
                        VALUES (:org, 'INSTAGRAM', :name, :account, :username, :token) RETURNING id
                        """)
                .bind("org", orgId)
                .bind("name", c.name())
                .bind("account", c.accountId())
                .bind("username", c.username())
                .bind("token", secrets.encrypt(c.accessToken()))
                .mapTo(Long.class)
                .one();
    }

    public List<ChannelView> list(Handle h, long orgId) {
        return h.createQuery("SELECT * FROM channels WHERE org_id = :org ORDER BY id")
                .bind("org", orgId).map((rs, ctx) -> view(rs)).list();
    }

    public Optional<ChannelView> find(Handle h, long orgId, long channelId) {
        return h.createQuery("SELECT * FROM channels WHERE org_id = :org AND id = :id")
                .bind("org", orgId).bind("id", channelId).map((rs, ctx) -> view(rs)).findOne();
    }

    /** A new token also clears the flag a refused one set: sending resumes. */
    public void replaceToken(Handle h, long channelId, String accessToken) {
        h.createUpdate("UPDATE channels SET access_token_enc = :token, token_invalid_since = NULL WHERE id = :id")
                .bind("token", secrets.encrypt(accessToken)).bind("id", channelId).execute();
    }

    /** The decrypted access token of a channel, for a Graph API call only. */
    public Optional<String> accessToken(Handle h, long channelId) {
        return h.createQuery("SELECT access_token_enc FROM channels WHERE id = :id")
                .bind("id", channelId)
                .map((rs, ctx) -> rs.getBytes(1))
                .findOne()
                .map(secrets::decrypt);
    }

    public static ChannelView view(ResultSet rs) throws SQLException {
        return new ChannelView(rs.getLong("id"), Platform.valueOf(rs.getString("platform")), rs.getString("name"),
                rs.getString("wa_phone_number_id"), rs.getString("wa_business_account_id"),
                rs.getString("display_phone_number"), rs.getString("ig_account_id"), rs.getString("ig_username"),
                rs.getBoolean("enabled"),
                // a send rate is a WhatsApp number's throughput; Instagram has none to set
                "WHATSAPP".equals(rs.getString("platform")) ? rs.getInt("messages_per_second") : null,
                rs.getTimestamp("token_invalid_since") == null ? null : rs.getTimestamp("token_invalid_since").toInstant(),
                rs.getLong("version"));
    }
}
