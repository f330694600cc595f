package id.orqestra.cloud.meta;

import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageContext;
import id.orqestra.model.inbox.MessageStatus;
import id.orqestra.model.inbox.MetaError;
import id.orqestra.model.inbox.Referral;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a webhook tells us, independent of how WhatsApp or Instagram spell it. */
public sealed interface MetaEvent {

    /**
     * A message in a conversation: from the customer ({@code INBOUND}), or an echo of one the business
     * sent from its own phone or Instagram app ({@code OUTBOUND}). {@code customer} is always the
     * customer side, whoever wrote it. {@code thread} separates Instagram comment threads (the media id)
     * from the direct-message conversation (null).
     */
    record MessageReceived(String providerMessageId, Instant timestamp, Direction direction, Party customer,
                           MessageContent content, MessageContext context, Referral referral, String thread,
                           boolean standby) implements MetaEvent {
    }

    /** A delivery report for a message the business sent. */
    record StatusChanged(String providerMessageId, MessageStatus status, Instant timestamp, String recipientId,
                         List<MetaError> errors, String pricingCategory, String conversationOrigin,
                         String bizOpaqueCallbackData) implements MetaEvent {
    }

    /**
     * A reaction put on, replaced on, or removed from ({@code emoji == null}) the target message.
     * {@code reactionId} is the reaction's own provider id when the platform gives one.
     */
    record ReactionChanged(String reactionId, String targetMessageId, String emoji, Instant timestamp,
                           Direction direction, Party customer) implements MetaEvent {
    }

    /** The author changed an earlier message. */
    record MessageEdited(String editId, String targetMessageId, MessageContent newContent, Instant timestamp,
                         Party customer) implements MetaEvent {
    }

    /** The author took an earlier message back. */
    record MessageDeleted(String targetMessageId, Instant timestamp, Party customer) implements MetaEvent {
    }

    /** The customer has seen the conversation up to this business message (Instagram read receipts). */
    record ConversationRead(String lastReadMessageId, Instant timestamp, Party customer) implements MetaEvent {
    }

    /** The customer opened the conversation from a link or ad without writing yet. */
    record ReferralReceived(Party customer, Referral referral, Instant timestamp) implements MetaEvent {
    }

    /** The customer stopped or resumed a category of messages (WhatsApp marketing opt-out). */
    record ContactPreferenceChanged(Party customer, String category, String value, String detail, Instant timestamp)
            implements MetaEvent {
    }

    enum NoticeKind {
        TEMPLATE_STATUS, TEMPLATE_QUALITY, TEMPLATE_CATEGORY, PHONE_NUMBER_QUALITY, PHONE_NUMBER_NAME,
        ACCOUNT_UPDATE, ACCOUNT_REVIEW, BUSINESS_CAPABILITY, WEBHOOK_ERROR, STORY_INSIGHTS
    }

    /**
     * Something about the account rather than a conversation, listed for admins: template status,
     * quality and category; phone-number quality; account restrictions and bans; errors Meta reports.
     * {@code subject} names what it is about (template id, phone number, media id); {@code attributes}
     * keeps Meta's fields by name.
     */
    record AccountNotice(NoticeKind kind, String subject, String status, String summary, Instant timestamp,
                         Map<String, String> attributes) implements MetaEvent {
    }

    /** A field or item kind this version does not understand, kept with its raw JSON for admins. */
    record Unsupported(String kind, String reason, String errorTitle, String rawJson) implements MetaEvent {
    }
}
