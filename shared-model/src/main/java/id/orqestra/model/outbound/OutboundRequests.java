package id.orqestra.model.outbound;

/** Bodies of the sending, comment and template endpoints beyond the plain reply. */
public final class OutboundRequests {

    private OutboundRequests() {
    }

    /**
     * {@code POST /api/v1/messages/{id}/reactions}: put this emoji on the message, or take the
     * business's reaction off with an empty {@code emoji}. Instagram accepts only ❤️.
     */
    public record React(String emoji) {
        public static React example() {
            return new React("👍");
        }
    }

    /**
     * {@code POST /api/v1/messages/{id}/public-reply} and {@code …/private-reply} (header
     * {@code Idempotency-Key}): answer an Instagram comment under the post, or once, privately, in the
     * commenter's direct messages (within 7 days of the comment).
     */
    public record CommentReply(String text) {
        public static CommentReply example() {
            return new CommentReply("Thank you! We sent you the details in a message.");
        }
    }

    /** {@code POST /api/v1/messages/{id}/moderation}: {@code action} is hide, unhide or delete. */
    public record ModerateComment(String action) {
        public static ModerateComment example() {
            return new ModerateComment("hide");
        }
    }

    /** {@code POST /api/v1/templates/sync}: fetch the templates of this WhatsApp channel's business account. */
    public record SyncTemplates(Long channelId) {
        public static SyncTemplates example() {
            return new SyncTemplates(1L);
        }
    }
}
