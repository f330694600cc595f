package id.orqestra.model.inbox;

import java.util.List;

/** Bodies of the conversation endpoints. */
public final class InboxRequests {

    private InboxRequests() {
    }

    /**
     * {@code POST /api/v1/conversations/{id}/messages} with header {@code Idempotency-Key} (the
     * client's id for the message, a UUID). {@code replyToMessageId} quotes an earlier message.
     */
    public record SendMessage(String text, Long replyToMessageId) {
        public static SendMessage example() {
            return new SendMessage("Hello! Your order is on its way.", null);
        }
    }

    /** {@code POST /api/v1/conversations/{id}/assign}: a user, or nobody when {@code userId} is null. */
    public record Assign(Long userId) {
        public static Assign example() {
            return new Assign(null);
        }
    }

    /** {@code POST /api/v1/conversations/{id}/labels}. */
    public record ChangeLabels(List<String> add, List<String> remove) {
        public static ChangeLabels example() {
            return new ChangeLabels(List.of("vip"), List.of());
        }
    }

    /** {@code POST /api/v1/conversations/{id}/notes}. */
    public record AddNote(String text) {
        public static AddNote example() {
            return new AddNote("Customer prefers a call after 5 pm.");
        }
    }
}
