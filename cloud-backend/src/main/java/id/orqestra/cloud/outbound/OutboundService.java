package id.orqestra.cloud.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.orqestra.cloud.inbox.InboxService;
import id.orqestra.cloud.inbox.store.ConversationStore;
import id.orqestra.cloud.inbox.store.InboxViews;
import id.orqestra.cloud.inbox.store.MessageStore;
import id.orqestra.cloud.meta.MetaErrorCatalog;
import id.orqestra.cloud.platform.Hashing;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.platform.web.ApiException;
import id.orqestra.cloud.sync.ChangeFeed;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.model.inbox.ConversationKind;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.inbox.MediaState;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageContext;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.sync.SyncChange;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * What an agent sends: replies of every kind, reactions, answers to Instagram comments and comment
 * moderation. Each send is checked — the agent may see the conversation, the channel can send, the
 * customer-service window is open (or a template is used), the content is what Meta accepts — and then
 * stored as a QUEUED message with its Graph request as a job, in one transaction, exactly once per
 * Idempotency-Key. Refusals are problem+json sentences: 409 when the conversation's state forbids it,
 * 422 when the content does not fit.
 */
@Singleton
public class OutboundService {

    private final Tx tx;
    private final InboxService inbox;
    private final ConversationStore conversations;
    private final MessageStore messages;
    private final ChangeFeed feed;
    private final OutboundQueue queue;
    private final TemplateService templates;
    private final MediaUploads uploads;
    private final OutboundWorkers workers;
    private final GraphSender graph;
    private final ChannelAlerts alerts;
    private final id.orqestra.cloud.platform.crypto.SecretBox secrets;

    public OutboundService(Tx tx, InboxService inbox, ConversationStore conversations, MessageStore messages,
                           ChangeFeed feed, OutboundQueue queue, TemplateService templates, MediaUploads uploads,
                           OutboundWorkers workers, GraphSender graph, ChannelAlerts alerts,
                           id.orqestra.cloud.platform.crypto.SecretBox secrets) {
        this.tx = tx;
        this.inbox = inbox;
        this.conversations = conversations;
        this.messages = messages;
        this.feed = feed;
        this.queue = queue;
        this.templates = templates;
        this.uploads = uploads;
        this.workers = workers;
        this.graph = graph;
        this.alerts = alerts;
        this.secrets = secrets;
    }

    /** The outcome of a send: the message, and whether this call created it or found it from an earlier try. */
    public record Sent(MessageView message, boolean created) {
    }

    /** The channel and customer of a conversation, as a send needs them. */
    private record Route(long channelId, Platform platform, boolean enabled, boolean tokenInvalid, String phoneNumberId,
                         String wabaId, String igAccountId, long contactId, String recipient, boolean marketingOptOut) {
        String accountId() {
            return platform == Platform.WHATSAPP ? phoneNumberId : igAccountId;
        }
    }

    // ---- replies ----

    public Sent send(Principal.Member me, long conversationId, String idempotencyKey, InboxRequests.SendMessage request) {
        SendKey key = SendKey.of(idempotencyKey, "message", Json.write(request));
        UUID clientId = key.clientId();
        Sent sent = tx.inOrg(me.orgId(), h -> {
            ConversationView conversation = inbox.visibleConversation(h, me, conversationId);
            Optional<Sent> earlier = earlierSend(h, me.orgId(), key, conversationId);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            if (conversation.kind() != ConversationKind.DM) {
                throw conflict(conversation.kind() == ConversationKind.COMMENTS
                        ? "This is a comment thread: answer a comment with a public or a private reply."
                        : "Mentions cannot be answered here; open the post on Instagram to reply.");
            }
            Route route = route(h, conversation);
            String quoted = null;
            if (request.replyToMessageId() != null) {
                quoted = h.createQuery("SELECT provider_message_id FROM messages WHERE id = :id AND conversation_id = :conversation")
                        .bind("id", request.replyToMessageId()).bind("conversation", conversationId)
                        .mapTo(String.class).findOne()
                        .orElseThrow(() -> ApiException.badRequest("The quoted message is not in this conversation."));
                if (quoted == null) {
                    throw conflict("The quoted message has not reached the customer yet; quote it once it shows as sent.");
                }
            }
            MessageComposer.Composed composed = MessageComposer.compose(
                    new MessageComposer.Target(route.platform(), route.accountId(), route.recipient(), quoted, clientId),
                    request, id -> uploads.find(h, me.orgId(), id),
                    wanted -> templates.find(h, me.orgId(), route.wabaId(), wanted));
            Instant now = Instant.now();
            boolean humanAgentTag = false;
            switch (composed.windowRule()) {
                case WHATSAPP_FREE_FORM -> refuseWhenClosed(MessagingWindows.whatsAppFreeForm(
                        conversation.lastInboundAt(), conversation.freeEntryUntil(), now));
                case INSTAGRAM_REPLY -> humanAgentTag = refuseWhenClosed(
                        MessagingWindows.instagram(conversation.lastInboundAt(), true, now)).humanAgentTag();
                default -> { }
            }
            if ("MARKETING".equalsIgnoreCase(composed.templateCategory()) && route.marketingOptOut()) {
                throw conflict("This customer stopped marketing messages, so WhatsApp will not deliver a marketing "
                        + "template. Use a utility template, or wait for them to write.");
            }
            if (humanAgentTag) {
                MessageComposer.tagAsHumanAgent(composed.body());
            }
            String mediaKey = composed.upload() == null ? null : composed.upload().upload().storageKey();
            MessageContext context = quoted == null ? MessageContext.NONE
                    : new MessageContext(quoted, null, false, false, null, null, null, null, null);
            Optional<Long> inserted = insertMessage(h, me, conversationId, route.channelId(), key, composed.content(),
                    context, mediaKey, now);
            if (inserted.isEmpty()) {
                return earlierSend(h, me.orgId(), key, conversationId).orElseThrow();
            }
            long messageId = inserted.get();
            queue.enqueue(h, new OutboundJob.New(me.orgId(), route.channelId(), conversationId, messageId,
                    OutboundJob.Kind.MESSAGE, route.recipient(), api(route.platform()), "POST", composed.path(),
                    composed.body(), uploadSpec(composed), composed.windowRule(),
                    Json.mapper().createObjectNode().put("writtenByPerson", true)));
            conversations.recordMessage(h, conversationId, Direction.OUTBOUND, now, composed.content().preview(), false);
            return new Sent(publishNew(h, me.orgId(), conversationId, messageId), true);
        });
        if (sent.created()) {
            workers.wakeUp();
        }
        return sent;
    }

    private static ObjectNode uploadSpec(MessageComposer.Composed composed) {
        if (composed.upload() == null) {
            return null;
        }
        MediaUploads.Upload upload = composed.upload().upload();
        ObjectNode spec = Json.mapper().createObjectNode()
                .put("uploadId", upload.id().toString())
                .put("storageKey", upload.storageKey())
                .put("mimeType", upload.mimeType())
                .put("pointer", composed.uploadPointer());
        if (upload.filename() != null) {
            spec.put("filename", upload.filename());
        }
        return spec;
    }

    private Optional<Long> insertMessage(Handle h, Principal.Member me, long conversationId, long channelId, SendKey key,
                                         MessageContent content, MessageContext context, String mediaKey, Instant now) {
        return h.createQuery("""
                        INSERT INTO messages (org_id, conversation_id, channel_id, client_id, direction, content_type,
                                              content, preview, context, reply_to_provider_id, status, status_at,
                                              sender_user_id, sent_at, media_state, media_key, request_digest)
                        VALUES (:org, :conversation, :channel, :key, 'OUTBOUND', :contentType, CAST(:content AS jsonb),
                                :preview, CAST(:context AS jsonb), :replyTo, 'QUEUED', :now, :sender, :now, :mediaState,
                                :mediaKey, :digest)
                        ON CONFLICT (org_id, client_id) WHERE client_id IS NOT NULL DO NOTHING
                        RETURNING id
                        """)
                .bind("org", me.orgId())
                .bind("conversation", conversationId)
                .bind("channel", channelId)
                .bind("key", key.clientId())
                .bind("digest", key.requestDigest())
                .bind("contentType", contentType(content))
                .bind("content", Json.write(content))
                .bind("preview", abbreviate(content.preview()))
                .bind("context", context.isEmpty() ? null : Json.write(context))
                .bind("replyTo", context.replyToMessageId())
                .bind("now", now)
                .bind("sender", me.userId())
                .bind("mediaState", mediaKey == null ? null : MediaState.STORED.name())
                .bind("mediaKey", mediaKey)
                .mapTo(Long.class)
                .findOne();
    }

    private MessageView publishNew(Handle h, long orgId, long conversationId, long messageId) {
        ConversationView view = InboxViews.conversations(h, List.of(conversationId)).getFirst();
        feed.append(h, orgId, new SyncChange.ConversationUpserted(view));
        MessageView message = InboxViews.messages(h, List.of(messageId)).getFirst();
        feed.append(h, orgId, new SyncChange.MessageUpserted(message));
        return message;
    }

    /**
     * A message already stored under this key: the same answer again, or 422 when it belongs to another
     * conversation or was asked for with a different request (a key is one message, as with Stripe).
     */
    private Optional<Sent> earlierSend(Handle h, long orgId, SendKey key, Long conversationId) {
        return h.createQuery("SELECT id, request_digest FROM messages WHERE org_id = :org AND client_id = :key")
                .bind("org", orgId).bind("key", key.clientId())
                .map((rs, ctx) -> new StoredSend(rs.getLong("id"), rs.getString("request_digest"))).findOne()
                .map(stored -> {
                    MessageView message = InboxViews.messages(h, List.of(stored.messageId())).getFirst();
                    if (conversationId != null && message.conversationId() != conversationId) {
                        throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused",
                                "This Idempotency-Key was already used for a message in another conversation; use a new key.");
                    }
                    // rows stored before digests were kept have none, and are taken as the same request
                    if (stored.requestDigest() != null && !stored.requestDigest().equals(key.requestDigest())) {
                        throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused",
                                "This Idempotency-Key was already used for a different message; use a new key for each message.");
                    }
                    return new Sent(message, false);
                });
    }

    private record StoredSend(long messageId, String requestDigest) {
    }

    /** The Idempotency-Key of a send and a digest of what it asks for. */
    record SendKey(UUID clientId, String requestDigest) {
        static SendKey of(String idempotencyKey, String... request) {
            return new SendKey(parseKey(idempotencyKey), Hashing.sha256Hex(request));
        }
    }

    private Route route(Handle h, ConversationView conversation) {
        Route route = h.createQuery("""
                        SELECT ch.id, ch.platform, ch.enabled, ch.token_invalid_since IS NOT NULL AS token_invalid,
                               ch.wa_phone_number_id, ch.wa_business_account_id, ch.ig_account_id,
                               ct.id AS contact_id, ct.external_id, ct.marketing_opt_out
                          FROM conversations c
                          JOIN channels ch ON ch.id = c.channel_id
                          JOIN contacts ct ON ct.id = c.contact_id
                         WHERE c.id = :id
                        """)
                .bind("id", conversation.id())
                .map((rs, ctx) -> new Route(rs.getLong("id"), Platform.valueOf(rs.getString("platform")),
                        rs.getBoolean("enabled"), rs.getBoolean("token_invalid"), rs.getString("wa_phone_number_id"),
                        rs.getString("wa_business_account_id"), rs.getString("ig_account_id"), rs.getLong("contact_id"),
                        rs.getString("external_id"), rs.getBoolean("marketing_opt_out")))
                .one();
        checkCanSend(route);
        if (route.recipient() == null) {
            throw conflict(route.platform() == Platform.WHATSAPP
                    ? "WhatsApp gave this customer only a business-scoped id, no number; Orqestra cannot write to them yet."
                    : "This Instagram conversation has no customer id to write to.");
        }
        return route;
    }

    private static void checkCanSend(Route route) {
        if (!route.enabled()) {
            throw conflict("This channel is disabled; an admin can enable it under Admin → Channels.");
        }
        if (route.tokenInvalid()) {
            throw conflict(MetaErrorCatalog.forCode(190).sentence());
        }
        if (route.accountId() == null) {
            throw conflict("This WhatsApp account has no phone number connected yet, so it cannot send.");
        }
    }

    private static MessagingWindows.Decision refuseWhenClosed(MessagingWindows.Decision decision) {
        if (!decision.allowed()) {
            throw new ApiException(HttpStatus.CONFLICT, "Outside the messaging window", decision.refusal());
        }
        return decision;
    }

    // ---- reactions ----

    public MessageView react(Principal.Member me, long messageId, String emoji) {
        String wanted = emoji == null ? "" : emoji.strip();
        if (wanted.length() > 16 || wanted.codePoints().anyMatch(Character::isLetterOrDigit)) {
            throw OutgoingFile.unprocessable("A reaction is one emoji, like 👍; send an empty emoji to take yours off.");
        }
        MessageView result = tx.inOrg(me.orgId(), h -> {
            Located target = locate(h, me, messageId);
            if (target.message().providerMessageId() == null || target.message().providerMessageId().startsWith("referral:")
                    || target.message().providerMessageId().startsWith("derived:")) {
                throw conflict("This message has not reached "
                        + (target.conversation().platform() == Platform.WHATSAPP ? "WhatsApp" : "Instagram")
                        + " yet; react once it shows as sent.");
            }
            if (target.conversation().kind() != ConversationKind.DM) {
                throw conflict("Reactions are for direct messages; answer a comment with a reply instead.");
            }
            Route route = route(h, target.conversation());
            Instant now = Instant.now();
            boolean remove = wanted.isEmpty();
            ObjectNode body;
            MessagingWindows.Rule rule;
            if (route.platform() == Platform.WHATSAPP) {
                refuseWhenClosed(MessagingWindows.whatsAppFreeForm(target.conversation().lastInboundAt(),
                        target.conversation().freeEntryUntil(), now));
                body = MessageComposer.whatsAppReaction(route.recipient(), target.message().providerMessageId(), wanted);
                rule = MessagingWindows.Rule.WHATSAPP_FREE_FORM;
            } else {
                if (!remove && !"❤".equals(wanted.replace("\uFE0F", ""))) {
                    throw OutgoingFile.unprocessable("On Instagram a business can react only with ❤️.");
                }
                refuseWhenClosed(MessagingWindows.instagram(target.conversation().lastInboundAt(), true, now));
                body = MessageComposer.instagramReaction(route.recipient(), target.message().providerMessageId(), remove);
                rule = MessagingWindows.Rule.INSTAGRAM_REPLY;
            }
            String previous = h.createQuery("""
                            SELECT emoji FROM message_reactions
                             WHERE channel_id = :channel AND target_provider_id = :target AND reactor = 'business'
                            """)
                    .bind("channel", route.channelId()).bind("target", target.message().providerMessageId())
                    .mapTo(String.class).findOne().orElse(null);
            messages.react(h, me.orgId(), route.channelId(), target.message().providerMessageId(), "business",
                    remove ? null : wanted, now);
            ObjectNode details = Json.mapper().createObjectNode()
                    .put("targetMessageId", messageId)
                    .put("targetProviderId", target.message().providerMessageId())
                    .put("channelId", route.channelId())
                    .put("writtenByPerson", true);
            details.put("previousEmoji", previous);
            queue.enqueue(h, new OutboundJob.New(me.orgId(), route.channelId(), target.conversation().id(), null,
                    OutboundJob.Kind.REACTION, route.recipient(), api(route.platform()), "POST",
                    route.accountId() + "/messages", body, null, rule, details));
            MessageView view = InboxViews.messages(h, List.of(messageId)).getFirst();
            feed.append(h, me.orgId(), new SyncChange.MessageUpserted(view));
            return view;
        });
        workers.wakeUp();
        return result;
    }

    private record Located(MessageView message, ConversationView conversation, Route route) {
    }

    private Located locate(Handle h, Principal.Member me, long messageId) {
        Long conversationId = h.createQuery("SELECT conversation_id FROM messages WHERE id = :id AND org_id = :org")
                .bind("id", messageId).bind("org", me.orgId())
                .mapTo(Long.class).findOne()
                .orElseThrow(() -> ApiException.notFound("There is no such message."));
        ConversationView conversation = inbox.visibleConversation(h, me, conversationId);
        MessageView message = InboxViews.messages(h, List.of(messageId)).getFirst();
        return new Located(message, conversation, null);
    }

    // ---- Instagram comments ----

    /** The Instagram comment a reply or moderation is about. */
    private record CommentTarget(MessageView message, MessageContent.Comment comment, ConversationView conversation,
                                 Route route) {
    }

    private CommentTarget comment(Handle h, Principal.Member me, long messageId) {
        Located located = locate(h, me, messageId);
        if (located.conversation().platform() != Platform.INSTAGRAM
                || !(located.message().content() instanceof MessageContent.Comment comment)
                || located.message().providerMessageId() == null) {
            throw conflict("Only Instagram comments can be answered or moderated this way; this message is not one.");
        }
        Route route = h.createQuery("""
                        SELECT ch.id, ch.platform, ch.enabled, ch.token_invalid_since IS NOT NULL AS token_invalid,
                               ch.ig_account_id, ct.id AS contact_id, ct.external_id
                          FROM conversations c
                          JOIN channels ch ON ch.id = c.channel_id
                          JOIN contacts ct ON ct.id = c.contact_id
                         WHERE c.id = :id
                        """)
                .bind("id", located.conversation().id())
                .map((rs, ctx) -> new Route(rs.getLong("id"), Platform.INSTAGRAM, rs.getBoolean("enabled"),
                        rs.getBoolean("token_invalid"), null, null, rs.getString("ig_account_id"),
                        rs.getLong("contact_id"), rs.getString("external_id"), false))
                .one();
        checkCanSend(route);
        String commentId = comment.commentId() != null ? comment.commentId() : located.message().providerMessageId();
        return new CommentTarget(located.message(),
                new MessageContent.Comment(commentId, comment.text(), comment.mediaId(), comment.mediaProductType(),
                        comment.parentCommentId(), comment.adId(), comment.adTitle()),
                located.conversation(), route);
    }

    /** A public answer under the comment, shown in the comment thread. */
    public Sent publicReply(Principal.Member me, long messageId, String idempotencyKey, String text) {
        String body = commentText(text);
        SendKey key = SendKey.of(idempotencyKey, "public reply", String.valueOf(messageId), body);
        Sent sent = tx.inOrg(me.orgId(), h -> {
            CommentTarget target = comment(h, me, messageId);
            Optional<Sent> earlier = earlierSend(h, me.orgId(), key, target.conversation().id());
            if (earlier.isPresent()) {
                return earlier.get();
            }
            String commentId = target.comment().commentId();
            MessageContent content = new MessageContent.Comment(null, body, target.comment().mediaId(),
                    target.comment().mediaProductType(), commentId, null, null);
            MessageContext context = new MessageContext(commentId, null, false, false, null, null, null, null, null);
            Instant now = Instant.now();
            Optional<Long> inserted = insertMessage(h, me, target.conversation().id(), target.route().channelId(), key,
                    content, context, null, now);
            if (inserted.isEmpty()) {
                return earlierSend(h, me.orgId(), key, target.conversation().id()).orElseThrow();
            }
            queue.enqueue(h, new OutboundJob.New(me.orgId(), target.route().channelId(), target.conversation().id(),
                    inserted.get(), OutboundJob.Kind.MESSAGE, "comment:" + commentId, GraphSender.Api.INSTAGRAM, "POST",
                    commentId + "/replies?message=" + URLEncoder.encode(body, StandardCharsets.UTF_8), null, null,
                    MessagingWindows.Rule.NONE, Json.mapper().createObjectNode().put("writtenByPerson", true)));
            conversations.recordMessage(h, target.conversation().id(), Direction.OUTBOUND, now, content.preview(), false);
            return new Sent(publishNew(h, me.orgId(), target.conversation().id(), inserted.get()), true);
        });
        if (sent.created()) {
            workers.wakeUp();
        }
        return sent;
    }

    /**
     * A private answer: a direct message to the comment's author, once per comment and within 7 days of
     * it. It lands in the direct conversation with that person.
     */
    public Sent privateReply(Principal.Member me, long messageId, String idempotencyKey, String text) {
        String body = commentText(text);
        SendKey key = SendKey.of(idempotencyKey, "private reply", String.valueOf(messageId), body);
        MessageComposer.checkInstagramText(body);
        Sent sent = tx.inOrg(me.orgId(), h -> {
            CommentTarget target = comment(h, me, messageId);
            Optional<Sent> earlier = earlierSend(h, me.orgId(), key, null);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            if (target.message().direction() != Direction.INBOUND || target.route().recipient() == null
                    || target.conversation().kind() != ConversationKind.COMMENTS) {
                throw conflict("A private reply goes to the author of a customer's comment; this comment has none.");
            }
            String commentId = target.comment().commentId();
            refuseWhenClosed(MessagingWindows.privateReply(target.message().sentAt(), Instant.now()));
            boolean replied = h.createQuery("""
                            SELECT EXISTS (SELECT 1 FROM outbound_jobs WHERE channel_id = :channel
                                              AND details->>'privateReplyTo' = :comment AND state <> 'FAILED')
                            """)
                    .bind("channel", target.route().channelId()).bind("comment", commentId)
                    .mapTo(Boolean.class).one();
            if (replied) {
                throw conflict("This comment already has a private reply; Instagram allows one per comment. Continue "
                        + "in the direct conversation once the customer answers.");
            }
            long dm = conversations.findOrCreate(h, me.orgId(), target.route().channelId(), target.route().contactId(),
                    ConversationKind.DM, null);
            Instant now = Instant.now();
            MessageContent content = new MessageContent.Text(body);
            Optional<Long> inserted = insertMessage(h, me, dm, target.route().channelId(), key, content,
                    MessageContext.NONE, null, now);
            if (inserted.isEmpty()) {
                return earlierSend(h, me.orgId(), key, null).orElseThrow();
            }
            ObjectNode details = Json.mapper().createObjectNode()
                    .put("privateReplyTo", commentId)
                    .put("commentedAt", target.message().sentAt().toString())
                    .put("writtenByPerson", true);
            queue.enqueue(h, new OutboundJob.New(me.orgId(), target.route().channelId(), dm, inserted.get(),
                    OutboundJob.Kind.MESSAGE, target.route().recipient(), GraphSender.Api.INSTAGRAM, "POST",
                    target.route().igAccountId() + "/messages", MessageComposer.instagramPrivateReply(commentId, body),
                    null, MessagingWindows.Rule.INSTAGRAM_PRIVATE_REPLY, details));
            conversations.recordMessage(h, dm, Direction.OUTBOUND, now, content.preview(), false);
            return new Sent(publishNew(h, me.orgId(), dm, inserted.get()), true);
        });
        if (sent.created()) {
            workers.wakeUp();
        }
        return sent;
    }

    /**
     * Hides, unhides or deletes an Instagram comment, right away (a moderator waits for the answer):
     * {@code POST /{comment-id}?hide=true|false} or {@code DELETE /{comment-id}}.
     */
    public MessageView moderate(Principal.Member me, long messageId, String action) {
        String wanted = action == null ? "" : action.strip().toLowerCase(Locale.ROOT);
        if (!List.of("hide", "unhide", "delete").contains(wanted)) {
            throw ApiException.badRequest("action is hide, unhide or delete.");
        }
        record Prepared(CommentTarget target, String token) {
        }
        Prepared prepared = tx.inOrg(me.orgId(), h -> {
            CommentTarget target = comment(h, me, messageId);
            if (target.message().deletedAt() != null) {
                throw conflict("This comment was already deleted.");
            }
            byte[] sealed = h.createQuery("SELECT access_token_enc FROM channels WHERE id = :id")
                    .bind("id", target.route().channelId()).map((rs, ctx) -> rs.getBytes(1)).findOne().orElse(null);
            if (sealed == null) {
                throw conflict("This channel has no access token; an admin must paste one under Admin → Channels.");
            }
            return new Prepared(target, secrets.decrypt(sealed));
        });
        String commentId = prepared.target().comment().commentId();
        GraphSender.Outcome outcome = "delete".equals(wanted)
                ? graph.send(GraphSender.Api.INSTAGRAM, "DELETE", commentId, prepared.token(), null)
                : graph.send(GraphSender.Api.INSTAGRAM, "POST", commentId + "?hide=" + "hide".equals(wanted),
                prepared.token(), null);
        switch (outcome) {
            case GraphSender.Accepted accepted -> { }
            case GraphSender.Refused refused -> {
                MetaErrorCatalog.Entry entry = MetaErrorCatalog.lookup(refused.code(), refused.subcode(),
                        refused.httpStatus(), refused.text());
                if (entry.action() == MetaErrorCatalog.Action.FAIL_TOKEN_INVALID) {
                    alerts.tokenRefused(me.orgId(), prepared.target().route().channelId(), refused.text());
                }
                throw new ApiException(entry.action() == MetaErrorCatalog.Action.FAIL
                        || entry.action() == MetaErrorCatalog.Action.FAIL_TOKEN_INVALID
                        ? HttpStatus.CONFLICT : HttpStatus.SERVICE_UNAVAILABLE, "Meta refused", entry.sentence());
            }
            case GraphSender.NotReached notReached -> throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Meta unreachable", "Meta could not be reached (" + notReached.reason() + "); try again in a moment.");
            case GraphSender.Uncertain uncertain -> throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    "No answer from Meta", "Meta did not answer in time; check the comment on Instagram before trying again.");
        }
        return tx.inOrg(me.orgId(), h -> {
            String column = switch (wanted) {
                case "hide" -> "hidden_at = now()";
                case "unhide" -> "hidden_at = NULL";
                default -> "deleted_at = COALESCE(deleted_at, now())";
            };
            h.createUpdate("UPDATE messages SET " + column + ", updated_at = now() WHERE id = :id")
                    .bind("id", messageId).execute();
            MessageView view = InboxViews.messages(h, List.of(messageId)).getFirst();
            feed.append(h, me.orgId(), new SyncChange.MessageUpserted(view));
            return view;
        });
    }

    // ---- helpers ----

    private static String commentText(String text) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw ApiException.badRequest("Write something before sending.");
        }
        if (body.length() > 2200) {
            throw OutgoingFile.unprocessable("An Instagram comment can be at most 2,200 characters; this one has "
                    + body.length() + ".");
        }
        return body;
    }

    private static GraphSender.Api api(Platform platform) {
        return platform == Platform.WHATSAPP ? GraphSender.Api.WHATSAPP : GraphSender.Api.INSTAGRAM;
    }

    static ApiException conflict(String sentence) {
        return new ApiException(HttpStatus.CONFLICT, "Cannot send now", sentence);
    }

    static UUID parseKey(String key) {
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("Send an Idempotency-Key header (a UUID you generate per message) so a retry cannot send twice.");
        }
        try {
            return UUID.fromString(key.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The Idempotency-Key must be a UUID, e.g. 3f0c6a9e-8d6b-4c1e-9a55-1d2f3b4c5d6e.");
        }
    }

    private static String contentType(MessageContent content) {
        return switch (content) {
            case MessageContent.Text t -> "text";
            case MessageContent.Media m -> "media";
            case MessageContent.Template t -> "template";
            case MessageContent.Comment c -> "comment";
            default -> "text";
        };
    }

    private static String abbreviate(String preview) {
        return preview == null ? "" : preview.length() <= 500 ? preview : preview.substring(0, 499) + "…";
    }
}
