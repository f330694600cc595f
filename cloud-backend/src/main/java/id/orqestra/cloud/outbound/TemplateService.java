package id.orqestra.cloud.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.meta.MetaErrorCatalog;
import id.orqestra.cloud.meta.MetaEvent;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.platform.web.ApiException;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.outbound.TemplateList;
import id.orqestra.model.outbound.TemplateView;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * WhatsApp message templates: synced from each business account (every page of
 * {@code GET /{waba-id}/message_templates}), kept current by the template status, quality and
 * category webhooks, and looked up when an agent sends one.
 */
@Singleton
public class TemplateService {

    static final String FIELDS = "id,name,language,status,category,components,parameter_format,quality_score,rejected_reason";
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 200;

    private final Tx tx;
    private final OutboundQueue queue;

    public TemplateService(Tx tx, OutboundQueue queue) {
        this.tx = tx;
        this.queue = queue;
    }

    // ---- reading ----

    public TemplateList list(Principal.Member me, Long channelId) {
        return tx.inOrg(me.orgId(), h -> {
            List<ChannelAccount> accounts = accounts(h, me.orgId(), channelId);
            List<TemplateView> templates = new ArrayList<>();
            List<TemplateList.TemplateSyncView> syncs = new ArrayList<>();
            for (ChannelAccount account : accounts) {
                templates.addAll(h.createQuery("""
                                SELECT * FROM message_templates WHERE org_id = :org AND waba_id = :waba
                                 ORDER BY name, language
                                """)
                        .bind("org", me.orgId()).bind("waba", account.wabaId())
                        .map((rs, ctx) -> TemplateComposer.view(definition(rs)))
                        .list());
                syncs.add(latestSync(h, me.orgId(), account));
            }
            return new TemplateList(List.copyOf(templates), List.copyOf(syncs));
        });
    }

    /** The channel's WABA, or every WhatsApp account of the organization when no channel is named (one entry per WABA). */
    private List<ChannelAccount> accounts(Handle h, long orgId, Long channelId) {
        if (channelId != null) {
            ChannelAccount account = h.createQuery("""
                            SELECT id, wa_business_account_id, platform FROM channels WHERE id = :id AND org_id = :org
                            """)
                    .bind("id", channelId).bind("org", orgId)
                    .map((rs, ctx) -> new ChannelAccount(rs.getLong(1), rs.getString(2), rs.getString(3)))
                    .findOne()
                    .orElseThrow(() -> ApiException.notFound("There is no such channel in your organization."));
            if (!"WHATSAPP".equals(account.platform())) {
                throw ApiException.badRequest("Templates belong to WhatsApp channels; this one is Instagram.");
            }
            return List.of(account);
        }
        return h.createQuery("""
                        SELECT DISTINCT ON (wa_business_account_id) id, wa_business_account_id, platform FROM channels
                         WHERE org_id = :org AND platform = 'WHATSAPP' ORDER BY wa_business_account_id, id
                        """)
                .bind("org", orgId)
                .map((rs, ctx) -> new ChannelAccount(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    private record ChannelAccount(long channelId, String wabaId, String platform) {
    }

    private TemplateList.TemplateSyncView latestSync(Handle h, long orgId, ChannelAccount account) {
        return h.createQuery("""
                        SELECT j.state, j.created_at, j.finished_at, (j.details->>'templateCount')::int AS count, j.last_error
                          FROM outbound_jobs j JOIN channels c ON c.id = j.channel_id
                         WHERE j.org_id = :org AND j.kind = 'TEMPLATE_SYNC' AND c.wa_business_account_id = :waba
                         ORDER BY j.id DESC LIMIT 1
                        """)
                .bind("org", orgId).bind("waba", account.wabaId())
                .map((rs, ctx) -> {
                    String state = rs.getString("state");
                    Integer count = rs.getObject("count") == null ? null : rs.getInt("count");
                    return new TemplateList.TemplateSyncView(account.channelId(), account.wabaId(),
                            "SENDING".equals(state) ? "RUNNING" : state, instant(rs, "created_at"),
                            instant(rs, "finished_at"), count, "FAILED".equals(state) ? rs.getString("last_error") : null);
                })
                .findOne()
                .orElse(new TemplateList.TemplateSyncView(account.channelId(), account.wabaId(), "NEVER", null, null,
                        null, null));
    }

    /** The template an agent chose, from the channel's business account (inside the caller's transaction). */
    public TemplateComposer.Definition find(Handle h, long orgId, String wabaId, InboxRequests.TemplateMessage wanted) {
        String name = wanted.name().strip();
        String language = wanted.language().strip();
        return h.createQuery("""
                        SELECT * FROM message_templates
                         WHERE org_id = :org AND waba_id = :waba AND name = :name AND language = :language
                        """)
                .bind("org", orgId).bind("waba", wabaId).bind("name", name).bind("language", language)
                .map((rs, ctx) -> definition(rs))
                .findOne()
                .orElseThrow(() -> OutgoingFile.unprocessable("There is no template named " + name + " in language "
                        + language + " for this WhatsApp account. Sync the templates, then choose one from the list."));
    }

    static TemplateComposer.Definition definition(ResultSet rs) throws SQLException {
        return new TemplateComposer.Definition(rs.getLong("id"), rs.getString("waba_id"), rs.getString("name"),
                rs.getString("language"), rs.getString("status"), rs.getString("category"), rs.getString("quality_score"),
                rs.getString("parameter_format"), Json.read(rs.getString("components"), JsonNode.class),
                rs.getString("rejected_reason"), instant(rs, "updated_at"));
    }

    // ---- syncing ----

    /** Queues a sync of the channel's business account (one at a time per account); returns its state. */
    public TemplateList.TemplateSyncView requestSync(Principal.Member me, Long channelId) {
        if (channelId == null) {
            throw ApiException.badRequest("Say which WhatsApp channel's templates to sync: {\"channelId\": …}.");
        }
        return tx.inOrg(me.orgId(), h -> {
            ChannelAccount account = accounts(h, me.orgId(), channelId).getFirst();
            requestSync(h, me.orgId(), account.channelId(), account.wabaId());
            return latestSync(h, me.orgId(), account);
        });
    }

    /** Queues a sync unless one for this business account is already waiting or running. */
    public void requestSync(Handle h, long orgId, long channelId, String wabaId) {
        boolean pending = h.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM outbound_jobs WHERE org_id = :org AND kind = 'TEMPLATE_SYNC'
                                          AND recipient = :waba AND state IN ('QUEUED', 'SENDING'))
                        """)
                .bind("org", orgId).bind("waba", wabaId).mapTo(Boolean.class).one();
        if (!pending) {
            queue.enqueue(h, new OutboundJob.New(orgId, channelId, null, null, OutboundJob.Kind.TEMPLATE_SYNC, wabaId,
                    GraphSender.Api.WHATSAPP, "GET", wabaId + "/message_templates", null, null,
                    MessagingWindows.Rule.NONE, null));
        }
    }

    /** What a sync run ended with: the number of templates, or the sentence saying why it failed. */
    public record SyncResult(int count, String failure) {
    }

    /** Fetches every page of the account's templates and replaces the stored set (run by the workers). */
    public SyncResult sync(OutboundJob job, String token, GraphSender graph) {
        String wabaId = job.recipient();
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String path = wabaId + "/message_templates?fields=" + FIELDS + "&limit=" + PAGE_SIZE
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            // the next page is built from the cursor, never fetched from the link Meta gave, so the token
            // only ever goes to the configured Graph host
            GraphSender.Outcome outcome = graph.get(GraphSender.Api.WHATSAPP, path, null, token);
            switch (outcome) {
                case GraphSender.Accepted accepted -> {
                    accepted.body().path("data").forEach(all::add);
                    JsonNode paging = accepted.body().path("paging");
                    after = paging.hasNonNull("next") ? paging.path("cursors").path("after").asText(null) : null;
                }
                case GraphSender.Refused refused -> {
                    MetaErrorCatalog.Entry entry = MetaErrorCatalog.lookup(refused.code(), refused.subcode(),
                            refused.httpStatus(), refused.text());
                    return new SyncResult(0, "Meta refused the template list: " + entry.sentence());
                }
                case GraphSender.NotReached notReached -> {
                    return new SyncResult(0, "Meta could not be reached (" + notReached.reason() + "); try the sync again.");
                }
                case GraphSender.Uncertain uncertain -> {
                    return new SyncResult(0, "Meta did not answer in time (" + uncertain.reason() + "); try the sync again.");
                }
            }
            if (after == null) {
                break;
            }
        }
        Instant syncedAt = Instant.now();
        tx.inOrg(job.orgId(), h -> {
            for (JsonNode template : all) {
                upsert(h, job.orgId(), wabaId, template, syncedAt);
            }
            h.createUpdate("""
                            DELETE FROM message_templates
                             WHERE org_id = :org AND waba_id = :waba AND synced_at IS DISTINCT FROM :at
                            """)
                    .bind("org", job.orgId()).bind("waba", wabaId).bind("at", syncedAt).execute();
            return null;
        });
        return new SyncResult(all.size(), null);
    }

    private static void upsert(Handle h, long orgId, String wabaId, JsonNode t, Instant syncedAt) {
        String name = t.path("name").asText(null);
        String language = t.path("language").asText(null);
        if (name == null || language == null) {
            return;
        }
        JsonNode quality = t.path("quality_score");
        String qualityScore = quality.isObject() ? quality.path("score").asText(null) : quality.asText(null);
        h.createUpdate("""
                        INSERT INTO message_templates (org_id, waba_id, meta_template_id, name, language, status, category,
                                                       quality_score, parameter_format, components, rejected_reason,
                                                       synced_at, updated_at)
                        VALUES (:org, :waba, :metaId, :name, :language, :status, :category, :quality, :format,
                                CAST(:components AS jsonb), :rejected, :syncedAt, now())
                        ON CONFLICT (org_id, waba_id, name, language) DO UPDATE
                           SET meta_template_id = EXCLUDED.meta_template_id, status = EXCLUDED.status,
                               category = EXCLUDED.category, quality_score = EXCLUDED.quality_score,
                               parameter_format = EXCLUDED.parameter_format, components = EXCLUDED.components,
                               rejected_reason = EXCLUDED.rejected_reason, synced_at = EXCLUDED.synced_at,
                               updated_at = now()
                        """)
                .bind("org", orgId)
                .bind("waba", wabaId)
                .bind("metaId", t.path("id").asText(null))
                .bind("name", name)
                .bind("language", language)
                .bind("status", t.path("status").asText("PENDING").toUpperCase(Locale.ROOT))
                .bind("category", t.path("category").asText(null))
                .bind("quality", qualityScore)
                .bind("format", t.path("parameter_format").asText("POSITIONAL").toUpperCase(Locale.ROOT))
                .bind("components", Json.write(t.path("components").isArray() ? t.path("components")
                        : Json.mapper().createArrayNode()))
                .bind("rejected", t.hasNonNull("rejected_reason") && !"NONE".equals(t.path("rejected_reason").asText())
                        ? t.path("rejected_reason").asText() : null)
                .bind("syncedAt", syncedAt)
                .execute();
    }

    // ---- webhooks ----

    /**
     * A template status, quality or category webhook changes the stored template; one we do not have
     * yet (created in WhatsApp Manager) makes us sync the account. Runs in the ingest's transaction.
     */
    public void applyNotice(Handle h, long orgId, long channelId, String wabaId, MetaEvent.AccountNotice notice) {
        if (wabaId == null) {
            return;
        }
        Map<String, String> attributes = notice.attributes() == null ? Map.of() : notice.attributes();
        String metaId = notice.subject();
        String name = attributes.get("message_template_name");
        String language = attributes.get("message_template_language");
        String set;
        String value;
        switch (notice.kind()) {
            case TEMPLATE_STATUS -> {
                String event = notice.status() == null ? null : notice.status().toUpperCase(Locale.ROOT);
                if (event == null) {
                    return;
                }
                if ("DELETED".equals(event)) {
                    h.createUpdate("""
                                    DELETE FROM message_templates WHERE org_id = :org AND waba_id = :waba
                                       AND (meta_template_id = :metaId OR (name = :name AND language = :language))
                                    """)
                            .bind("org", orgId).bind("waba", wabaId).bind("metaId", metaId).bind("name", name)
                            .bind("language", language).execute();
                    return;
                }
                set = "status = :value, rejected_reason = :reason";
                value = "REINSTATED".equals(event) ? "APPROVED" : event;
            }
            case TEMPLATE_QUALITY -> {
                set = "quality_score = :value";
                value = notice.status();
            }
            case TEMPLATE_CATEGORY -> {
                set = "category = :value";
                value = notice.status();
            }
            default -> {
                return;
            }
        }
        String reason = attributes.get("reason");
        var update = h.createUpdate("UPDATE message_templates SET " + set + ", updated_at = now() "
                        + "WHERE org_id = :org AND waba_id = :waba "
                        + "AND (meta_template_id = :metaId OR (name = :name AND language = :language))")
                .bind("value", value)
                .bind("org", orgId).bind("waba", wabaId).bind("metaId", metaId).bind("name", name)
                .bind("language", language);
        if (set.contains(":reason")) {
            update.bind("reason", reason == null || "NONE".equals(reason) ? null : reason);
        }
        int updated = update.execute();
        if (updated == 0) {
            requestSync(h, orgId, channelId, wabaId);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** For tests and the demo: the stored definition of a template, if any. */
    public Optional<TemplateComposer.Definition> stored(long orgId, String wabaId, String name, String language) {
        return tx.inOrg(orgId, h -> h.createQuery("""
                        SELECT * FROM message_templates WHERE org_id = :org AND waba_id = :waba AND name = :name
                           AND language = :language
                        """)
                .bind("org", orgId).bind("waba", wabaId).bind("name", name).bind("language", language)
                .map((rs, ctx) -> definition(rs))
                .findOne());
    }
}
