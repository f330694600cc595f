package id.orqestra.cloud.inbox.ingest;

import id.orqestra.cloud.inbox.store.ContactStore;
import id.orqestra.cloud.inbox.store.ConversationStore;
import id.orqestra.cloud.inbox.store.InboxViews;
import id.orqestra.cloud.inbox.store.MessageStore;
import id.orqestra.cloud.meta.MetaEvent;
import id.orqestra.cloud.meta.ParsedChange;
import id.orqestra.cloud.meta.Party;
import id.orqestra.cloud.outbound.SendReconciler;
import id.orqestra.cloud.outbound.TemplateService;
import id.orqestra.cloud.platform.Hashing;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.sync.ChangeFeed;
import id.orqestra.model.inbox.ConversationKind;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.MediaState;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageContext;
import id.orqestra.model.inbox.MessageStatus;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.sync.SyncChange;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies one parsed webhook change in one transaction: routes it to its channel, writes contacts,
 * conversations, messages, statuses, reactions, edits and notices with idempotent writes, and appends
 * the resulting change events to the organization's feed in the same transaction. A marker row per
 * (journal row, change) makes a retried journal row skip the changes it already applied.
 */
@Singleton
public class ChangeApplier {

    public enum Outcome { APPLIED, UNROUTED, ALREADY_APPLIED }

    /** The contact that collects mentions of the business, which Meta sends without an author. */
    static final ContactStore.Identity MENTIONS_CONTACT =
            new ContactStore.Identity("mentions", null, null, "Mentions of your account", null);
    /** Where the business's own comments go when the comment they answer is not known here. */
    static final ContactStore.Identity OWN_COMMENTS_CONTACT =
            new ContactStore.Identity("own-comments", null, null, "Your account's comments", null);

    private final Tx tx;
    private final ChannelRouter router;
    private final ContactStore contacts;
    private final ConversationStore conversations;
    private final MessageStore messages;
    private final ChangeFeed feed;
    private final SendReconciler reconciler;
    private final TemplateService templates;

    public ChangeApplier(Tx tx, ChannelRouter router, ContactStore contacts, ConversationStore conversations,
                         MessageStore messages, ChangeFeed feed, SendReconciler reconciler, TemplateService templates) {
        this.tx = tx;
        this.router = router;
        this.contacts = contacts;
        this.conversations = conversations;
        this.messages = messages;
        this.feed = feed;
        this.reconciler = reconciler;
        this.templates = templates;
    }

    public Outcome apply(long journalId, int changeIndex, Platform platform, ParsedChange change, Instant receivedAt) {
        return tx.system(h -> {
            ChannelRouter.Claim claim = router.claimAndRoute(h, journalId, changeIndex, change.route());
            if (!claim.fresh()) {
                return Outcome.ALREADY_APPLIED;
            }
            if (claim.channel().isEmpty()) {
                recordUnrouted(h, journalId, platform, change);
                return Outcome.UNROUTED;
            }
            RoutedChannel channel = claim.channel().get();
            Touched touched = new Touched();
            Context context = new Context(h, channel, change, journalId, receivedAt, touched);
            for (int i = 0; i < change.events().size(); i++) {
                applyEvent(context, change.events().get(i), i);
            }
            publish(h, channel.orgId(), touched);
            return Outcome.APPLIED;
        });
    }

    /** Ids of what this change created or changed, published once each at the end of the transaction. */
    private static final class Touched {
        final Set<Long> contacts = new LinkedHashSet<>();
        final Set<Long> conversations = new LinkedHashSet<>();
        final Set<Long> messages = new LinkedHashSet<>();
        final Set<Long> removedConversations = new LinkedHashSet<>();
        /** Conversations as an update in this change returned them; dropped when something changes them again. */
        final Map<Long, ConversationView> conversationViews = new HashMap<>();
    }

    private record Context(Handle h, RoutedChannel channel, ParsedChange change, long journalId, Instant receivedAt,
                           Touched touched) {
        long orgId() {
            return channel.orgId();
        }

        long channelId() {
            return channel.channelId();
        }

        Instant timeOr(Instant reported) {
            return reported != null ? reported : receivedAt;
        }
    }

    private void applyEvent(Context c, MetaEvent event, int index) {
        switch (event) {
            case MetaEvent.MessageReceived m -> receiveMessage(c, m, index);
            case MetaEvent.StatusChanged s -> changeStatus(c, s.providerMessageId(), s.status(), c.timeOr(s.timestamp()),
                    s.recipientId(), s.errors(), s.pricingCategory(), s.conversationOrigin(), s.bizOpaqueCallbackData());
            case MetaEvent.ReactionChanged r -> react(c, r);
            case MetaEvent.MessageEdited e -> revise(c, e.targetMessageId(), MessageStore.RevisionKind.EDIT,
                    c.timeOr(e.timestamp()), e.newContent(), e.customer());
            case MetaEvent.MessageDeleted d -> revise(c, d.targetMessageId(), MessageStore.RevisionKind.DELETE,
                    c.timeOr(d.timestamp()), null, d.customer());
            case MetaEvent.ConversationRead r -> conversationRead(c, r);
            case MetaEvent.ReferralReceived r -> receiveMessage(c, new MetaEvent.MessageReceived(
                    "referral:" + Hashing.sha256Hex(r.customer() == null ? "" : r.customer().key(),
                            String.valueOf(r.timestamp()), Json.write(r.referral())).substring(0, 40),
                    r.timestamp(), Direction.INBOUND, r.customer(),
                    new MessageContent.SystemNotice("referral", describeReferral(r)), MessageContext.NONE,
                    r.referral(), null, false), index);
            case MetaEvent.ContactPreferenceChanged p -> {
                long contactId = contact(c, p.customer(), c.timeOr(p.timestamp()));
                boolean optOut = "stop".equalsIgnoreCase(p.value());
                if ("marketing_messages".equalsIgnoreCase(p.category()) && contacts.setMarketingOptOut(c.h(), contactId, optOut)) {
                    c.touched().contacts.add(contactId);
                }
            }
            case MetaEvent.AccountNotice n -> recordNotice(c, n);
            case MetaEvent.Unsupported u -> recordUnsupported(c, u, index);
        }
    }

    private void receiveMessage(Context c, MetaEvent.MessageReceived m, int index) {
        ConversationKind kind = switch (m.content()) {
            case MessageContent.Comment comment -> ConversationKind.COMMENTS;
            case MessageContent.Mention mention -> ConversationKind.MENTIONS;
            default -> ConversationKind.DM;
        };
        if (kind == ConversationKind.COMMENTS) {
            // a comment and the business's reply to it may be applied at the same moment; taking them one
            // at a time per post lets the later one always see the earlier
            c.h().createQuery("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                    .bind("key", "comments/" + c.channelId() + "/" + m.thread())
                    .mapTo(String.class).one();
        }
        String providerId = m.providerMessageId() != null ? m.providerMessageId()
                : "derived:" + Hashing.sha256Hex(c.change().rawJson(), Integer.toString(index)).substring(0, 40);
        Instant sentAt = c.timeOr(m.timestamp());
        MediaState mediaState = switch (m.content()) {
            case MessageContent.Media media when media.providerMediaId() != null || media.url() != null -> MediaState.PENDING;
            case MessageContent.StoryMention story -> MediaState.NOT_KEPT;
            default -> null;
        };
        MessageStore.NewMessage message = new MessageStore.NewMessage(c.orgId(), 0, c.channelId(), providerId,
                m.direction(), m.content(), m.context(), m.referral(),
                m.direction() == Direction.OUTBOUND ? MessageStatus.SENT : null, sentAt, mediaState);
        Long parentConversation = m.customer() == null ? conversationOfParentComment(c, m) : null;
        long conversationId;
        Optional<Long> inserted;
        boolean held;
        if (parentConversation != null) {
            conversationId = parentConversation;
            inserted = messages.insertIfNew(c.h(), new MessageStore.NewMessage(message.orgId(), conversationId,
                    message.channelId(), providerId, message.direction(), message.content(), message.context(),
                    message.referral(), message.status(), sentAt, mediaState));
            held = true;
        } else {
            long contactId = m.customer() != null ? contact(c, m.customer(), sentAt)
                    : contacts.upsert(c.h(), c.orgId(), c.channelId(), c.channel().platform(),
                    kind == ConversationKind.MENTIONS ? MENTIONS_CONTACT : OWN_COMMENTS_CONTACT, Instant.EPOCH).id();
            MessageStore.Received received = messages.receive(c.h(), contactId, kind,
                    kind == ConversationKind.DM ? null : m.thread(), message);
            conversationId = received.conversationId();
            inserted = received.messageId();
            held = received.heldUpdates();
        }
        if (inserted.isEmpty()) {
            return; // Meta's retry or a duplicate in the batch: already stored, nothing changes
        }
        long messageId = inserted.get();
        boolean customerWrote = !(m.content() instanceof MessageContent.SystemNotice);
        c.touched().conversationViews.put(conversationId, conversations.recordMessage(c.h(), conversationId,
                m.direction(), sentAt, m.content().preview(), customerWrote, m.referral()));
        if (mediaState == MediaState.PENDING && m.content() instanceof MessageContent.Media media) {
            messages.queueMediaDownload(c.h(), c.orgId(), c.channelId(), messageId, media.providerMediaId(),
                    media.providerMediaId() == null ? media.url() : null);
        }
        if (held) {
            // reports, a read watermark, edits and deletions that arrived before the message itself
            messages.applyHeldUpdates(c.h(), messageId, c.channelId(), providerId);
        }
        c.touched().conversations.add(conversationId);
        c.touched().messages.add(messageId);
        if (kind == ConversationKind.COMMENTS && m.customer() != null) {
            adoptEarlyReplies(c, conversationId, providerId);
        }
    }

    /**
     * The business's replies to this comment that arrived before it were parked in the "own comments"
     * thread; they move next to the comment they answer, so the result does not depend on arrival order.
     */
    private void adoptEarlyReplies(Context c, long conversationId, String commentId) {
        List<long[]> moved = c.h().createQuery("""
                        UPDATE messages m SET conversation_id = :conversation, updated_at = now()
                          FROM conversations cv JOIN contacts ct ON ct.id = cv.contact_id
                         WHERE m.conversation_id = cv.id AND cv.channel_id = :channel AND ct.external_id = :parked
                           AND m.channel_id = :channel AND m.reply_to_provider_id = :comment
                     RETURNING m.id, cv.id
                        """)
                .bind("conversation", conversationId)
                .bind("channel", c.channelId())
                .bind("parked", OWN_COMMENTS_CONTACT.externalId())
                .bind("comment", commentId)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list();
        for (long[] message : moved) {
            c.touched().messages.add(message[0]);
            // the parking thread is never deleted (a concurrent delivery may be adding to it); an empty one
            // just drops out of the lists
            c.touched().conversationViews.remove(message[1]);
            if (conversations.recomputeSummary(c.h(), message[1])) {
                c.touched().conversations.add(message[1]);
            } else {
                c.touched().conversations.remove(message[1]);
                c.touched().removedConversations.add(message[1]);
            }
        }
        if (!moved.isEmpty()) {
            conversations.recomputeSummary(c.h(), conversationId);
            c.touched().conversationViews.remove(conversationId);
        }
    }

    /** A reply the business wrote under a customer's comment belongs in that customer's comment thread. */
    private Long conversationOfParentComment(Context c, MetaEvent.MessageReceived m) {
        if (m.content() instanceof MessageContent.Comment comment && comment.parentCommentId() != null) {
            return messages.find(c.h(), c.channelId(), comment.parentCommentId())
                    .map(MessageStore.Located::conversationId)
                    .orElse(null);
        }
        return null;
    }

    private void changeStatus(Context c, String providerMessageId, MessageStatus status, Instant at, String recipientId,
                              List<id.orqestra.model.inbox.MetaError> errors, String pricing, String origin,
                              String callbackData) {
        if (providerMessageId == null || status == null) {
            return;
        }
        if (!messages.recordStatus(c.h(), c.orgId(), c.channelId(), providerMessageId, status, at, recipientId,
                errors, pricing, origin)) {
            return; // a repeat
        }
        Optional<MessageStore.Located> known = messages.find(c.h(), c.channelId(), providerMessageId);
        if (known.isEmpty()) {
            // our send whose answer was lost: the status names it by the client id we gave Meta
            Optional<Long> adopted = reconciler.adopt(c.h(), c.channelId(), providerMessageId, callbackData);
            if (adopted.isPresent()) {
                messages.applyHeldUpdates(c.h(), adopted.get(), c.channelId(), providerMessageId);
                c.touched().messages.add(adopted.get());
            }
            return;
        }
        MessageStore.Located target = known.get();
        if (messages.applyStatuses(c.h(), target.id(), c.channelId(), providerMessageId)) {
            c.touched().messages.add(target.id());
        }
    }

    private void react(Context c, MetaEvent.ReactionChanged r) {
        if (r.customer() != null && r.direction() == Direction.INBOUND) {
            contact(c, r.customer(), c.timeOr(r.timestamp()));
        }
        String reactor = r.direction() == Direction.INBOUND ? "customer" : "business";
        if (messages.react(c.h(), c.orgId(), c.channelId(), r.targetMessageId(), reactor, r.emoji(), c.timeOr(r.timestamp()))) {
            messages.find(c.h(), c.channelId(), r.targetMessageId())
                    .ifPresent(target -> c.touched().messages.add(target.id()));
        }
    }

    private void revise(Context c, String target, MessageStore.RevisionKind kind, Instant at, MessageContent content,
                        Party author) {
        if (target == null) {
            return;
        }
        if (author != null) {
            contact(c, author, at);
        }
        if (messages.recordRevision(c.h(), c.orgId(), c.channelId(), target, kind, at, content)) {
            messages.find(c.h(), c.channelId(), target).ifPresent(located -> {
                if (messages.applyRevisions(c.h(), located.id(), c.channelId(), target)) {
                    c.touched().messages.add(located.id());
                }
            });
        }
    }

    /**
     * Instagram read receipts: the customer has seen the conversation up to this moment. The named
     * message keeps the report as history; the moment is kept on the conversation, so every business
     * message sent before it counts as read, including ones whose webhooks arrive later.
     */
    private void conversationRead(Context c, MetaEvent.ConversationRead r) {
        Instant at = c.timeOr(r.timestamp());
        if (r.lastReadMessageId() != null) {
            changeStatus(c, r.lastReadMessageId(), MessageStatus.READ, at, null, null, null, null, null);
        }
        if (r.customer() == null || r.customer().key() == null) {
            return;
        }
        long contactId = contact(c, r.customer(), at);
        long conversationId = conversations.findOrCreate(c.h(), c.orgId(), c.channelId(), contactId, ConversationKind.DM, null);
        int moved = c.h().createUpdate("""
                        UPDATE conversations SET customer_read_at = :at
                         WHERE id = :id AND (customer_read_at IS NULL OR customer_read_at < :at)
                        """)
                .bind("id", conversationId).bind("at", at).execute();
        if (moved == 0) {
            return;
        }
        List<long[]> covered = c.h().createQuery("""
                        SELECT id FROM messages
                         WHERE conversation_id = :conversation AND direction = 'OUTBOUND' AND sent_at <= :at
                           AND provider_message_id IS NOT NULL AND status IN ('SENT', 'DELIVERED', 'READ')
                        """)
                .bind("conversation", conversationId).bind("at", at)
                .map((rs, ctx) -> new long[] {rs.getLong(1)})
                .list();
        for (long[] message : covered) {
            String providerId = c.h().createQuery("SELECT provider_message_id FROM messages WHERE id = :id")
                    .bind("id", message[0]).mapTo(String.class).one();
            if (messages.applyStatuses(c.h(), message[0], c.channelId(), providerId)) {
                c.touched().messages.add(message[0]);
            }
        }
    }

    private long contact(Context c, Party party, Instant reportedAt) {
        ContactStore.Identity identity = party == null
                ? new ContactStore.Identity(null, null, null, null, null)
                : new ContactStore.Identity(party.id(), party.scopedUserId(), party.parentScopedUserId(), party.name(),
                party.username());
        if (identity.externalId() == null && identity.scopedUserId() == null) {
            throw new IllegalArgumentException("The change names no customer (no wa_id, user id or IGSID)");
        }
        ContactStore.Upserted upserted = contacts.upsert(c.h(), c.orgId(), c.channelId(), c.channel().platform(),
                identity, reportedAt);
        if (upserted.changed()) {
            c.touched().contacts.add(upserted.id());
        }
        return upserted.id();
    }

    private void recordNotice(Context c, MetaEvent.AccountNotice n) {
        Instant at = c.timeOr(n.timestamp());
        boolean accountLevel = c.change().route().kind() == id.orqestra.cloud.meta.Route.Kind.WHATSAPP_BUSINESS_ACCOUNT;
        String attributes = Json.write(n.attributes() == null ? java.util.Map.of() : n.attributes());
        c.h().createUpdate("""
                        INSERT INTO account_notices (org_id, channel_id, kind, subject, status, summary, attributes,
                                                     occurred_at, dedupe_key)
                        VALUES (:org, :channel, :kind, :subject, :status, :summary, CAST(:attributes AS jsonb), :at, :key)
                        ON CONFLICT (org_id, dedupe_key) DO NOTHING
                        """)
                .bind("org", c.orgId())
                .bind("channel", accountLevel ? null : c.channelId())
                .bind("kind", n.kind().name())
                .bind("subject", n.subject())
                .bind("status", n.status())
                .bind("summary", n.summary() == null ? n.kind().name() : n.summary())
                .bind("attributes", attributes)
                .bind("at", at)
                .bind("key", Hashing.sha256Hex(n.kind().name(), n.subject(), n.status(), String.valueOf(n.timestamp()),
                        n.summary(), attributes))
                .execute();
        if (accountLevel) {
            // template status, quality and category news also updates the synced template
            templates.applyNotice(c.h(), c.orgId(), c.channelId(), c.change().route().accountId(), n);
        }
    }

    private void recordUnsupported(Context c, MetaEvent.Unsupported u, int index) {
        c.h().createUpdate("""
                        INSERT INTO unsupported_events (org_id, channel_id, platform, kind, reason, error_title, raw,
                                                        dedupe_key, journal_id)
                        VALUES (:org, :channel, :platform, :kind, :reason, :title, CAST(:raw AS jsonb), :key, :journal)
                        ON CONFLICT (dedupe_key) DO NOTHING
                        """)
                .bind("org", c.orgId())
                .bind("channel", c.channelId())
                .bind("platform", c.channel().platform().name())
                .bind("kind", u.kind())
                .bind("reason", u.reason())
                .bind("title", u.errorTitle())
                .bind("raw", validJsonOrNull(u.rawJson()))
                .bind("key", Hashing.sha256Hex("routed", Long.toString(c.channelId()), u.kind(), u.rawJson(),
                        c.change().rawJson(), Integer.toString(index)))
                .bind("journal", c.journalId())
                .execute();
    }

    private void recordUnrouted(Handle h, long journalId, Platform platform, ParsedChange change) {
        h.createUpdate("""
                        INSERT INTO unrouted_changes (platform, route_kind, account_id, field, raw, dedupe_key, journal_id)
                        VALUES (:platform, :kind, :account, :field, CAST(:raw AS jsonb), :key, :journal)
                        ON CONFLICT (dedupe_key) DO NOTHING
                        """)
                .bind("platform", platform.name())
                .bind("kind", change.route().kind().name())
                .bind("account", change.route().accountId())
                .bind("field", change.field())
                .bind("raw", validJsonOrNull(change.rawJson()))
                .bind("key", Hashing.sha256Hex(platform.name(), change.route().kind().name(),
                        String.valueOf(change.route().accountId()), change.field(), change.rawJson()))
                .bind("journal", journalId)
                .execute();
    }

    private void publish(Handle h, long orgId, Touched touched) {
        List<SyncChange> changes = new ArrayList<>();
        if (!touched.removedConversations.isEmpty()) {
            h.createQuery("SELECT id, version FROM conversations WHERE id = ANY(:ids) ORDER BY id")
                    .bind("ids", touched.removedConversations.toArray(Long[]::new))
                    .map((rs, ctx) -> new SyncChange.ConversationHidden(rs.getLong(1), rs.getLong(2)))
                    .forEach(changes::add);
        }
        InboxViews.contacts(h, touched.contacts).forEach(contact -> changes.add(new SyncChange.ContactUpserted(contact)));
        List<Long> toLoad = new ArrayList<>();
        for (long id : touched.conversations) {
            ConversationView known = touched.conversationViews.get(id);
            if (known != null) {
                changes.add(new SyncChange.ConversationUpserted(known));
            } else {
                toLoad.add(id);
            }
        }
        InboxViews.conversations(h, toLoad).forEach(conversation -> changes.add(new SyncChange.ConversationUpserted(conversation)));
        InboxViews.messages(h, touched.messages).forEach(message -> changes.add(new SyncChange.MessageUpserted(message)));
        feed.appendAll(h, orgId, changes);
    }

    private static String describeReferral(MetaEvent.ReferralReceived r) {
        var ref = r.referral();
        if (ref == null) {
            return "Opened the conversation from a link";
        }
        if (ref.fromAd()) {
            return "Opened the conversation from an ad" + (ref.headline() != null ? ": " + ref.headline() : "");
        }
        String source = ref.sourceType() != null ? ref.sourceType().toLowerCase().replace('_', ' ') : "a link";
        return "Opened the conversation from " + source + (ref.ref() != null ? " (ref " + ref.ref() + ")" : "");
    }

    private static String validJsonOrNull(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            Json.mapper().readTree(raw);
            return raw;
        } catch (Exception e) {
            return Json.write(java.util.Map.of("unparsed", raw));
        }
    }
}
