package id.orqestra.cloud.channel;

import id.orqestra.cloud.outbound.TemplateService;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.platform.web.ApiException;
import id.orqestra.cloud.sync.ChangeFeed;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.cloud.tenant.audit.AuditLog;
import id.orqestra.model.admin.AccountNoticeView;
import id.orqestra.model.channel.ChannelRequests;
import id.orqestra.model.channel.ChannelRules;
import id.orqestra.model.inbox.ChannelView;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.sync.SyncChange;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Connecting, renaming, disabling and enabling WhatsApp numbers and Instagram accounts. */
@Singleton
public class ChannelService {

    private final Tx tx;
    private final ChannelStore channels;
    private final AuditLog audit;
    private final ChangeFeed feed;
    private final TemplateService templates;

    public ChannelService(Tx tx, ChannelStore channels, AuditLog audit, ChangeFeed feed, TemplateService templates) {
        this.tx = tx;
        this.channels = channels;
        this.audit = audit;
        this.feed = feed;
        this.templates = templates;
    }

    public List<ChannelView> list(Principal.Member me) {
        return tx.inOrg(me.orgId(), h -> channels.list(h, me.orgId()));
    }

    public ChannelView connectWhatsApp(Principal.Member me, ChannelRequests.ConnectWhatsApp request) {
        String name = name(request.name(), "WhatsApp " + stripped(request.displayPhoneNumber()));
        String waba = metaId(request.businessAccountId(), ChannelRules.BUSINESS_ACCOUNT_ID);
        String phone = metaId(request.phoneNumberId(), ChannelRules.PHONE_NUMBER_ID);
        String token = token(request.accessToken());
        String givenDisplay = stripped(request.displayPhoneNumber());
        refuse(ChannelRules.displayNumberProblem(givenDisplay));
        String display = givenDisplay.isEmpty() ? null : givenDisplay;
        requireFree("wa_phone_number_id", phone, "This WhatsApp number (phone number ID " + phone + ") is already connected.");
        return tx.inOrg(me.orgId(), h -> {
            long id = channels.createWhatsApp(h, me.orgId(),
                    new ChannelStore.NewWhatsAppChannel(name, waba, phone, display, token));
            audit.record(h, me, "channel.connected", "channel:" + id,
                    details("platform", "WHATSAPP", "phoneNumberId", phone, "businessAccountId", waba));
            // the template picker has the account's templates without anyone asking
            templates.requestSync(h, me.orgId(), id, waba);
            return publish(h, me.orgId(), id);
        });
    }

    public ChannelView connectInstagram(Principal.Member me, ChannelRequests.ConnectInstagram request) {
        String account = metaId(request.accountId(), ChannelRules.INSTAGRAM_ACCOUNT_ID);
        String username = ChannelRules.withoutAt(stripped(request.username()));
        refuse(ChannelRules.usernameProblem(username));
        String name = name(request.name(), "Instagram " + (username.isEmpty() ? account : "@" + username));
        String token = token(request.accessToken());
        requireFree("ig_account_id", account, "This Instagram account (" + account + ") is already connected.");
        return tx.inOrg(me.orgId(), h -> {
            long id = channels.createInstagram(h, me.orgId(),
                    new ChannelStore.NewInstagramChannel(name, account, username.isEmpty() ? null : username, token));
            audit.record(h, me, "channel.connected", "channel:" + id, details("platform", "INSTAGRAM", "accountId", account));
            return publish(h, me.orgId(), id);
        });
    }

    public ChannelView update(Principal.Member me, long channelId, ChannelRequests.UpdateChannel request) {
        if (request.name() == null && request.enabled() == null && request.accessToken() == null
                && request.messagesPerSecond() == null) {
            throw ApiException.badRequest("Say what to change: name, enabled, accessToken or messagesPerSecond.");
        }
        if (request.messagesPerSecond() != null && (request.messagesPerSecond() < 1 || request.messagesPerSecond() > 1000)) {
            throw ApiException.badRequest("messagesPerSecond is 1 to 1,000: WhatsApp numbers send 80 a second unless Meta "
                    + "raised the number's throughput (up to 1,000).");
        }
        return tx.inOrg(me.orgId(), h -> {
            ChannelView before = channels.find(h, me.orgId(), channelId)
                    .orElseThrow(() -> ApiException.notFound("There is no such channel in your organization."));
            if (request.messagesPerSecond() != null && before.platform() != Platform.WHATSAPP) {
                throw ApiException.badRequest("messagesPerSecond applies to WhatsApp numbers; Instagram sets its own pace.");
            }
            if (request.name() != null) {
                String name = name(request.name(), null);
                h.createUpdate("UPDATE channels SET name = :name WHERE id = :id AND org_id = :org")
                        .bind("name", name).bind("id", channelId).bind("org", me.orgId()).execute();
                audit.record(h, me, "channel.renamed", "channel:" + channelId, details("from", before.name(), "to", name));
            }
            if (request.enabled() != null && request.enabled() != before.enabled()) {
                h.createUpdate("UPDATE channels SET enabled = :enabled WHERE id = :id AND org_id = :org")
                        .bind("enabled", request.enabled()).bind("id", channelId).bind("org", me.orgId()).execute();
                audit.record(h, me, request.enabled() ? "channel.enabled" : "channel.disabled", "channel:" + channelId, Map.of());
            }
            if (request.accessToken() != null) {
                channels.replaceToken(h, channelId, token(request.accessToken()));
                audit.record(h, me, "channel.token_replaced", "channel:" + channelId, Map.of());
            }
            if (request.messagesPerSecond() != null) {
                h.createUpdate("UPDATE channels SET messages_per_second = :rate WHERE id = :id AND org_id = :org")
                        .bind("rate", request.messagesPerSecond()).bind("id", channelId).bind("org", me.orgId()).execute();
                audit.record(h, me, "channel.send_rate_changed", "channel:" + channelId,
                        details("messagesPerSecond", Integer.toString(request.messagesPerSecond())));
            }
            return publish(h, me.orgId(), channelId);
        });
    }

    public List<AccountNoticeView> notices(Principal.Member me, int limit) {
        return tx.inOrg(me.orgId(), h -> h.createQuery("""
                        SELECT id, channel_id, kind, subject, status, summary, attributes::text AS attributes, occurred_at
                          FROM account_notices WHERE org_id = :org ORDER BY occurred_at DESC, id DESC LIMIT :limit
                        """)
                .bind("org", me.orgId()).bind("limit", limit)
                .map((rs, ctx) -> {
                    long channel = rs.getLong("channel_id");
                    Long channelId = rs.wasNull() ? null : channel;
                    @SuppressWarnings("unchecked")
                    Map<String, String> attributes = Json.read(rs.getString("attributes"), Map.class);
                    return new AccountNoticeView(rs.getLong("id"), channelId, rs.getString("kind"), rs.getString("subject"),
                            rs.getString("status"), rs.getString("summary"), attributes, rs.getTimestamp("occurred_at").toInstant());
                })
                .list());
    }

    private ChannelView publish(Handle h, long orgId, long channelId) {
        ChannelView view = channels.find(h, orgId, channelId).orElseThrow();
        feed.append(h, orgId, new SyncChange.ChannelUpserted(view));
        return view;
    }

    /** Account ids are unique across the installation: one WhatsApp number routes to one organization. */
    private void requireFree(String column, String value, String message) {
        boolean taken = tx.system(h -> h.createQuery("SELECT count(*) FROM channels WHERE " + column + " = :value")
                .bind("value", value).mapTo(Integer.class).one()) > 0;
        if (taken) {
            throw ApiException.conflict(message);
        }
    }

    private static String metaId(String value, String label) {
        String id = stripped(value);
        refuse(ChannelRules.metaIdProblem(id, label));
        return id;
    }

    private static String token(String token) {
        String trimmed = stripped(token);
        refuse(ChannelRules.accessTokenProblem(trimmed));
        return trimmed;
    }

    private static String name(String name, String fallback) {
        String chosen = name == null || name.isBlank() ? fallback : name.strip();
        if (chosen == null || chosen.isBlank()) {
            throw ApiException.badRequest("Give the channel a name.");
        }
        refuse(ChannelRules.nameProblem(chosen));
        return chosen;
    }

    private static void refuse(Optional<String> problem) {
        problem.ifPresent(sentence -> {
            throw ApiException.badRequest(sentence);
        });
    }

    private static String stripped(String value) {
        return value == null ? "" : value.strip();
    }

    private static Map<String, String> details(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
