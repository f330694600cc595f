package id.orqestra.cloud.meta.testing;

import id.orqestra.cloud.meta.MetaEvent.NoticeKind;
import id.orqestra.cloud.meta.Route;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.MessageStatus;

/**
 * What an agent or admin should end up seeing because of one webhook item, as read by
 * {@link FixtureOracle}. Every id is exactly as Meta sent it. A {@code customerKey} is the contact's key:
 * the WhatsApp {@code wa_id} (else the business-scoped user id when Meta sent no wa_id) or the Instagram
 * IGSID; null where there is no customer (mentions, the business's own comments).
 * <p>
 * Fields are compared exactly, null included, except {@code textFragment}: null there means "nothing to
 * check", otherwise the fragment must appear in {@link FixtureOracle#visibleText} of the stored content.
 * The same expectation may appear in two changes (Meta re-sends an item in one body); the store must
 * hold it once.
 */
public sealed interface Expectation {

    /**
     * The change is routed to this account: a WhatsApp phone number id, a WhatsApp Business Account id, an
     * Instagram account id; {@link Route.Kind#NONE} (accountId null) when the body names no account.
     * An account no organization owns must still be kept, as "unrouted".
     */
    record ExpectRoute(Route.Kind kind, String accountId) implements Expectation {
    }

    /**
     * A message in the conversation list with this provider id.
     *
     * @param contentKind      one of {@link FixtureOracle#CONTENT_KINDS}, see {@link FixtureOracle#contentKind}
     * @param textFragment     a piece of the text, caption, title or comment the agent reads; null: none
     * @param mediaId          the provider's media/post id the message carries or is about; null: none
     * @param mimeType         the MIME type Meta gave for the file; null: none
     * @param replyToMessageId the message (or parent comment) this one answers; null: none
     * @param thread           the Instagram media id for comments and mentions; null for direct messages
     */
    record ExpectMessage(String providerMessageId, Direction direction, String customerKey, String contentKind,
                         String textFragment, String mediaId, String mimeType, String replyToMessageId,
                         String thread) implements Expectation {
    }

    /** A reaction on the target message: {@code emoji} set, or removed when {@code emoji} is null. */
    record ExpectReaction(String targetMessageId, String emoji, Direction direction, String customerKey)
            implements Expectation {
    }

    /** The business message has reached this status; {@code errorCode} is Meta's first error code, else null. */
    record ExpectStatus(String providerMessageId, MessageStatus status, Integer errorCode) implements Expectation {
    }

    /** The target message now says something else, of this content kind (fragment as in ExpectMessage). */
    record ExpectEdit(String targetMessageId, String contentKind, String textFragment) implements Expectation {
    }

    /** The author took the target message back; it shows as deleted. */
    record ExpectDeletion(String targetMessageId) implements Expectation {
    }

    /** The customer has read the conversation up to this message (Instagram seen receipts; id may be null). */
    record ExpectRead(String lastReadMessageId, String customerKey) implements Expectation {
    }

    /** The customer opened the conversation from a link or an ad, without a message. */
    record ExpectReferral(String customerKey, String ref, String adId) implements Expectation {
    }

    /** The customer stopped or resumed a category of messages (WhatsApp {@code user_preferences}). */
    record ExpectPreference(String customerKey, String category, String value) implements Expectation {
    }

    /**
     * An account notice for admins: {@code subject} is the template id, phone number, WABA id or media id
     * it is about; {@code status} the new state Meta reports (event, decision, quality, error code), or null.
     */
    record ExpectNotice(NoticeKind kind, String subject, String status) implements Expectation {
    }

    /**
     * Something kept but not understood, shown to admins with its raw JSON. {@code kind} is the field name
     * for an unknown field; "entry" for an entry with nothing in it; "messaging" for an Instagram item of
     * unknown kind; "status" for an unknown status word; "body"/"object" for a body that is JSON but not
     * a webhook; the field name for an item missing a piece it needs.
     */
    record ExpectUnsupported(String kind) implements Expectation {
    }
}
