package id.orqestra.model.inbox;

/**
 * Where an outgoing message is. Statuses only move forward along {@link #rank()}; FAILED ends an
 * attempt whatever came before it.
 */
public enum MessageStatus {
    PENDING(0), QUEUED(1), SENDING(2), SENT(3), DELIVERED(4), READ(5), PLAYED(6), FAILED(7), DELETED(8);

    private final int rank;

    MessageStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** True when moving from this status to {@code next} is progress rather than a late or repeated report. */
    public boolean canAdvanceTo(MessageStatus next) {
        if (this == FAILED || this == DELETED) {
            return false;
        }
        if (next == FAILED || next == DELETED) {
            return true;
        }
        return next.rank > rank;
    }

    /** Meta's status word ("sent", "delivered", "read", "played", "failed", "deleted"); null when it is not one. */
    public static MessageStatus fromMeta(String word) {
        if (word == null) {
            return null;
        }
        return switch (word.toLowerCase(java.util.Locale.ROOT)) {
            case "sent" -> SENT;
            case "delivered" -> DELIVERED;
            case "read" -> READ;
            case "played" -> PLAYED;
            case "failed" -> FAILED;
            case "deleted" -> DELETED;
            default -> null;
        };
    }
}
