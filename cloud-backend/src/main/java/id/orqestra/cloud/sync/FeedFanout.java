package id.orqestra.cloud.sync;

import id.orqestra.cloud.platform.db.PgListener;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells this instance's live subscribers that their organization's feed moved. Notifications come
 * from PostgreSQL (LISTEN {@value ChangeFeed#CHANNEL}), so a change written through any backend
 * instance reaches sockets connected to every other one.
 */
@Singleton
public class FeedFanout {

    /** Something that reads the feed itself when told there is news. */
    public interface Subscriber {
        void feedMoved();
    }

    private final Map<Long, Set<Subscriber>> byOrganization = new ConcurrentHashMap<>();

    public FeedFanout(PgListener listener) {
        listener.listen(ChangeFeed.CHANNEL, this::notified);
    }

    public void subscribe(long orgId, Subscriber subscriber) {
        byOrganization.computeIfAbsent(orgId, id -> ConcurrentHashMap.newKeySet()).add(subscriber);
    }

    public void unsubscribe(long orgId, Subscriber subscriber) {
        Set<Subscriber> subscribers = byOrganization.get(orgId);
        if (subscribers != null) {
            subscribers.remove(subscriber);
        }
    }

    public int subscribers() {
        return byOrganization.values().stream().mapToInt(Set::size).sum();
    }

    private void notified(String payload) {
        if (payload == null) {
            // the listener reconnected and may have missed notifications: everyone looks again
            byOrganization.values().forEach(set -> set.forEach(Subscriber::feedMoved));
            return;
        }
        long orgId;
        try {
            orgId = Long.parseLong(payload);
        } catch (NumberFormatException e) {
            return;
        }
        Set<Subscriber> subscribers = byOrganization.get(orgId);
        if (subscribers != null) {
            subscribers.forEach(Subscriber::feedMoved);
        }
    }
}
