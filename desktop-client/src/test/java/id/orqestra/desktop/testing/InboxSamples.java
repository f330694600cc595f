package id.orqestra.desktop.testing;

import id.orqestra.model.inbox.ContactView;
import id.orqestra.model.inbox.ConversationKind;
import id.orqestra.model.inbox.ConversationStatus;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageStatus;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.inbox.NoteView;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.sync.SyncChange;
import id.orqestra.model.sync.SyncEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small, readable inbox entities for tests that need no server. */
public final class InboxSamples {

    public static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    private InboxSamples() {
    }

    public static ContactView contact(long id, String name) {
        return new ContactView(id, 1, Platform.WHATSAPP, "62812000" + id, null, name, null, Map.of("city", "Bandung"),
                false, T0, 1);
    }

    public static ConversationView conversation(long id, long contactId, Long assignee, ConversationStatus status,
                                                Instant lastAt, String preview, int unread, List<String> labels) {
        return new ConversationView(id, 1, Platform.WHATSAPP, contactId, ConversationKind.DM, null, status, assignee, null,
                lastAt, preview, Direction.INBOUND, lastAt, null, unread, labels, null, lastAt);
    }

    public static MessageView text(long id, long conversationId, Direction direction, String body, Instant at) {
        return new MessageView(id, conversationId, 1, "wamid." + id, null, direction, new MessageContent.Text(body), null, null,
                direction == Direction.OUTBOUND ? MessageStatus.SENT : null, at, null, null, at, null, null, null, List.of());
    }

    public static MessageView reply(long id, long conversationId, String clientId, String body, Instant at) {
        return new MessageView(id, conversationId, 1, null, clientId, Direction.OUTBOUND, new MessageContent.Text(body), null,
                null, MessageStatus.QUEUED, at, null, 7L, at, null, null, null, List.of());
    }

    /** The same state as the server's row would send it after {@code version} changes. */
    public static ConversationView atVersion(ConversationView c, long version) {
        return new ConversationView(c.id(), c.channelId(), c.platform(), c.contactId(), c.kind(), c.threadRef(), c.status(),
                c.assigneeUserId(), c.teamId(), c.lastMessageAt(), c.lastMessagePreview(), c.lastMessageDirection(),
                c.lastInboundAt(), c.freeEntryUntil(), c.unreadCount(), c.labels(), c.referral(), c.updatedAt(),
                c.windowClosesAt(), version);
    }

    public static MessageView atVersion(MessageView m, long version) {
        return new MessageView(m.id(), m.conversationId(), m.channelId(), m.providerMessageId(), m.clientId(), m.direction(),
                m.content(), m.context(), m.referral(), m.status(), m.statusAt(), m.error(), m.senderUserId(), m.sentAt(),
                m.editedAt(), m.deletedAt(), m.mediaState(), m.reactions(), m.hiddenAt(), version);
    }

    public static ContactView atVersion(ContactView c, long version) {
        return new ContactView(c.id(), c.channelId(), c.platform(), c.externalId(), c.scopedUserId(), c.name(), c.username(),
                c.attributes(), c.marketingOptOut(), c.updatedAt(), version);
    }

    public static NoteView note(long id, long conversationId, String text) {
        return new NoteView(id, conversationId, 7L, "Dewi", text, T0);
    }

    private static int cursor;

    /** Events with increasing cursors, as the feed would deliver them. */
    public static List<SyncEvent> events(SyncChange... changes) {
        return java.util.Arrays.stream(changes).map(change -> new SyncEvent("1." + (++cursor), T0, change)).toList();
    }

    public static SyncChange upserted(Object entity) {
        return switch (entity) {
            case ContactView c -> new SyncChange.ContactUpserted(c);
            case ConversationView c -> new SyncChange.ConversationUpserted(c);
            case MessageView m -> new SyncChange.MessageUpserted(m);
            case NoteView n -> new SyncChange.NoteUpserted(n);
            default -> throw new IllegalArgumentException(entity.toString());
        };
    }
}
