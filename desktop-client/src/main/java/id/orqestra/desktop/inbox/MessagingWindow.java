package id.orqestra.desktop.inbox;

import id.orqestra.model.inbox.ConversationKind;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.Platform;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether an agent may write freely in a conversation right now, as Meta rules it: WhatsApp for 24
 * hours after the customer's last message (72 after a click-to-WhatsApp ad), then only templates;
 * Instagram for 7 days (a person's reply, sent with the human-agent tag), then not at all. The end
 * comes from the server ({@code ConversationView.windowClosesAt}); the sentences are the server's own
 * refusals, so the composer says beforehand what a send would be told. Pure: tested without UI.
 *
 * @param state    whether free text may be sent
 * @param closesAt when the window ends (null when there is none to count down)
 * @param refusal  why free text cannot be sent, when {@code state} is CLOSED
 */
public record MessagingWindow(State state, Platform platform, Instant closesAt, String refusal) {

    public enum State {
        /** No window applies (comment threads): the composer answers comments instead. */
        NOT_APPLICABLE,
        OPEN,
        CLOSED
    }

    static final Duration CUSTOMER_SERVICE = Duration.ofHours(24);
    static final Duration INSTAGRAM_HUMAN_AGENT = Duration.ofDays(7);

    static final String WHATSAPP_NEVER_WROTE = "This customer has not written to you yet, so WhatsApp accepts only a "
            + "template. Choose a template to start the conversation.";
    static final String WHATSAPP_CLOSED = "The customer last wrote more than 24 hours ago, so WhatsApp accepts only a "
            + "template now. Choose a template to restart the conversation.";
    static final String INSTAGRAM_NEVER_WROTE = "This person has not written to you yet; Instagram lets a business write "
            + "only after they do.";
    static final String INSTAGRAM_CLOSED = "The customer last wrote more than 7 days ago; Instagram does not allow "
            + "replies after that. Wait for them to write again.";

    /** The window of {@code conversation} at {@code now}. */
    public static MessagingWindow of(ConversationView conversation, Instant now) {
        Platform platform = conversation.platform();
        if (conversation.kind() != ConversationKind.DM) {
            return new MessagingWindow(State.NOT_APPLICABLE, platform, null, null);
        }
        Instant closesAt = conversation.windowClosesAt() != null ? conversation.windowClosesAt()
                : closesAt(platform, conversation.lastInboundAt(), conversation.freeEntryUntil());
        if (closesAt != null && now.isBefore(closesAt)) {
            return new MessagingWindow(State.OPEN, platform, closesAt, null);
        }
        boolean neverWrote = conversation.lastInboundAt() == null;
        String refusal = platform == Platform.WHATSAPP
                ? (neverWrote ? WHATSAPP_NEVER_WROTE : WHATSAPP_CLOSED)
                : (neverWrote ? INSTAGRAM_NEVER_WROTE : INSTAGRAM_CLOSED);
        return new MessagingWindow(State.CLOSED, platform, closesAt, refusal);
    }

    /** The server's refusal of a send overrides what the cache says (its clock and data are the ones that count). */
    public static MessagingWindow refusedByServer(Platform platform, String sentence) {
        return new MessagingWindow(State.CLOSED, platform, null, sentence);
    }

    /** The same rule as the server's, for a cache written before the server sent {@code windowClosesAt}. */
    static Instant closesAt(Platform platform, Instant lastInboundAt, Instant freeEntryUntil) {
        if (platform == Platform.INSTAGRAM) {
            return lastInboundAt == null ? null : lastInboundAt.plus(INSTAGRAM_HUMAN_AGENT);
        }
        Instant service = lastInboundAt == null ? null : lastInboundAt.plus(CUSTOMER_SERVICE);
        return freeEntryUntil != null && (service == null || freeEntryUntil.isAfter(service)) ? freeEntryUntil : service;
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** WhatsApp offers templates once the window has closed; Instagram has none. */
    public boolean templatesOnly() {
        return state == State.CLOSED && platform == Platform.WHATSAPP;
    }

    /** "Window closes in 3 h 12 min", "Window closed", or "" when no window applies. */
    public String countdown(Instant now) {
        return switch (state) {
            case NOT_APPLICABLE -> "";
            case CLOSED -> "Window closed";
            case OPEN -> "Window closes in " + remaining(Duration.between(now, closesAt));
        };
    }

    /**
     * How long until {@link #countdown} reads differently (or the window closes): the countdown is
     * refreshed then, instead of polling.
     */
    public Duration untilNextChange(Instant now) {
        if (state != State.OPEN) {
            return null;
        }
        Duration left = Duration.between(now, closesAt);
        if (left.isNegative() || left.isZero()) {
            return Duration.ofMillis(1);
        }
        // whole minutes are shown rounded down: the text changes just after the remainder is used up
        return Duration.ofMillis(left.toMillis() % 60_000 + 1);
    }

    /**
     * "6 d 23 h", "23 h 59 min", "45 min", "under a minute"; whole minutes left, rounded down. Days only
     * from two days on, so WhatsApp's 24 hours (and 72 after an ad) count in hours as people say them.
     */
    static String remaining(Duration left) {
        long minutes = Math.max(0, left.toMinutes());
        if (minutes < 1) {
            return "under a minute";
        }
        long hours = minutes / 60;
        long mins = minutes % 60;
        if (hours >= 48) {
            return hours / 24 + " d" + (hours % 24 > 0 ? " " + hours % 24 + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (mins > 0 ? " " + mins + " min" : "");
        }
        return mins + " min";
    }
}
