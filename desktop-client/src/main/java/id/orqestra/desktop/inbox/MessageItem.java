package id.orqestra.desktop.inbox;

import id.orqestra.desktop.store.OutboxEntry;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.MessageStatus;
import id.orqestra.model.inbox.MessageView;

import java.time.Instant;

/**
 * One bubble of the conversation: a message the server has, or a reply still in the outbox (pending
 * or refused). {@code quoted} is the message a reply points at, when it is cached.
 */
public record MessageItem(MessageView message, OutboxEntry pending, MessageView quoted) {

    public static MessageItem of(MessageView message, MessageView quoted) {
        return new MessageItem(message, null, quoted);
    }

    public static MessageItem pending(OutboxEntry entry, MessageView quoted) {
        return new MessageItem(null, entry, quoted);
    }

    /** Stable identity across the change from pending to stored: the client id when there is one. */
    public String key() {
        if (pending != null) {
            return "c:" + pending.clientId();
        }
        return message.clientId() != null ? "c:" + message.clientId() : "m:" + message.id();
    }

    public boolean isPending() {
        return pending != null;
    }

    public boolean isRefused() {
        return pending != null && pending.state() == OutboxEntry.State.FAILED;
    }

    public Direction direction() {
        return pending != null ? Direction.OUTBOUND : message.direction();
    }

    public Instant time() {
        if (pending != null) {
            return pending.createdAt();
        }
        return message.sentAt() != null ? message.sentAt() : message.statusAt();
    }

    /** PENDING for the outbox, else the server's status (null for inbound messages). */
    public MessageStatus status() {
        return pending != null ? MessageStatus.PENDING : message.status();
    }

    /** Order in the conversation: by time, then id; outbox entries after everything the server has. */
    long sortTime() {
        Instant time = time();
        return time == null ? 0 : time.toEpochMilli();
    }
}
