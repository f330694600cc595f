package id.orqestra.desktop.store;

import id.orqestra.model.inbox.Direction;

/** A cached message that matches a local search, with where it is and a short excerpt around the match. */
public record SearchHit(long messageId, long conversationId, String contactName, Direction direction,
                        long sentAtMillis, String excerpt) {
}
