package id.orqestra.model.sync;

import java.time.Instant;

/**
 * One entry of an organization's change feed. {@code cursor} is opaque to clients: they keep the last
 * one they applied and ask for what comes after it.
 */
public record SyncEvent(String cursor, Instant at, SyncChange change) {
}
