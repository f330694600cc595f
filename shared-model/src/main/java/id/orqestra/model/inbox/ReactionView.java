package id.orqestra.model.inbox;

import java.time.Instant;

/** One reactor's current reaction on a message; {@code reactor} is "customer", "business" or "user:ID". */
public record ReactionView(String reactor, String emoji, Instant reactedAt) {
}
