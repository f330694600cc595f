package id.orqestra.cloud.outbound;

import id.orqestra.model.inbox.ConversationKind;
import id.orqestra.model.inbox.Platform;

import java.time.Duration;
import java.time.Instant;

/**
 * When Meta lets a business write freely. WhatsApp: 24 hours from the customer's last message (Meta's
 * timestamp, not our receive time), or until the 72-hour free entry after a click-to-WhatsApp ad;
 * outside it only templates. Instagram: 24 hours, extended to 7 days for a reply written by a person
 * (sent with the HUMAN_AGENT tag); a private reply to a comment within 7 days of the comment.
 */
public final class MessagingWindows {

    public static final Duration CUSTOMER_SERVICE_WINDOW = Duration.ofHours(24);
    public static final Duration INSTAGRAM_HUMAN_AGENT_WINDOW = Duration.ofDays(7);
    public static final Duration PRIVATE_REPLY_WINDOW = Duration.ofDays(7);

    /** How a job is held to a window when it goes out (stored with the job). */
    public enum Rule { NONE, WHATSAPP_FREE_FORM, INSTAGRAM_REPLY, INSTAGRAM_PRIVATE_REPLY }

    /** May it go out, and does Instagram need the human-agent tag; else the sentence saying why not. */
    public record Decision(boolean allowed, boolean humanAgentTag, String refusal) {
        static Decision open() {
            return new Decision(true, false, null);
        }

        static Decision tagged() {
            return new Decision(true, true, null);
        }

        static Decision refused(String sentence) {
            return new Decision(false, false, sentence);
        }
    }

    private MessagingWindows() {
    }

    /**
     * Until when an agent may write freely in this conversation, for the countdown in the desktop; null
     * when the customer never wrote or the conversation is a comment thread.
     */
    public static Instant agentWindowClosesAt(Platform platform, ConversationKind kind, Instant lastInboundAt,
                                              Instant freeEntryUntil) {
        if (kind != ConversationKind.DM) {
            return null;
        }
        if (platform == Platform.INSTAGRAM) {
            return lastInboundAt == null ? null : lastInboundAt.plus(INSTAGRAM_HUMAN_AGENT_WINDOW);
        }
        Instant service = lastInboundAt == null ? null : lastInboundAt.plus(CUSTOMER_SERVICE_WINDOW);
        if (freeEntryUntil != null && (service == null || freeEntryUntil.isAfter(service))) {
            return freeEntryUntil;
        }
        return service;
    }

    /** A WhatsApp message that is not a template (text, media, interactive, reaction). */
    public static Decision whatsAppFreeForm(Instant lastInboundAt, Instant freeEntryUntil, Instant now) {
        if (freeEntryUntil != null && now.isBefore(freeEntryUntil)) {
            return Decision.open();
        }
        if (lastInboundAt == null) {
            return Decision.refused("This customer has not written to you yet, so WhatsApp accepts only a template. "
                    + "Choose a template to start the conversation.");
        }
        if (now.isBefore(lastInboundAt.plus(CUSTOMER_SERVICE_WINDOW))) {
            return Decision.open();
        }
        return Decision.refused("The customer last wrote more than 24 hours ago, so WhatsApp accepts only a template "
                + "now. Choose a template to restart the conversation.");
    }

    /** An Instagram direct message: 24 hours, or 7 days with the human-agent tag when a person wrote it. */
    public static Decision instagram(Instant lastInboundAt, boolean writtenByPerson, Instant now) {
        if (lastInboundAt == null) {
            return Decision.refused("This person has not written to you yet; Instagram lets a business write only "
                    + "after they do.");
        }
        if (now.isBefore(lastInboundAt.plus(CUSTOMER_SERVICE_WINDOW))) {
            return Decision.open();
        }
        if (!writtenByPerson) {
            return Decision.refused("The customer last wrote more than 24 hours ago; after that Instagram accepts only "
                    + "replies written by a person, not automated ones.");
        }
        if (now.isBefore(lastInboundAt.plus(INSTAGRAM_HUMAN_AGENT_WINDOW))) {
            return Decision.tagged();
        }
        return Decision.refused("The customer last wrote more than 7 days ago; Instagram does not allow replies after "
                + "that. Wait for them to write again.");
    }

    /** A private reply to an Instagram comment: once, within 7 days of the comment. */
    public static Decision privateReply(Instant commentedAt, Instant now) {
        if (commentedAt != null && now.isBefore(commentedAt.plus(PRIVATE_REPLY_WINDOW))) {
            return Decision.open();
        }
        return Decision.refused("This comment is more than 7 days old; Instagram allows a private reply only within "
                + "7 days of the comment.");
    }
}
