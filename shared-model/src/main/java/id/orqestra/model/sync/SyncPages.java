package id.orqestra.model.sync;

import id.orqestra.model.inbox.ChannelView;
import id.orqestra.model.inbox.ContactView;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.inbox.NoteView;
import id.orqestra.model.tenant.UserView;

import java.util.List;

/** What the sync endpoints answer. */
public final class SyncPages {

    private SyncPages() {
    }

    /**
     * {@code GET /api/v1/sync/events?after=C&limit=N}: events after C in feed order. {@code cursor} is
     * the position to ask from next time (the last event's, or C itself when there were none);
     * {@code hasMore} says another page is waiting right away.
     */
    public record EventPage(List<SyncEvent> events, String cursor, boolean hasMore) {
    }

    /**
     * {@code GET /api/v1/sync/snapshot?pageToken=&limit=}: what a new device starts from — the most
     * recent conversations with their contacts and latest messages, page by page. {@code cursor} is
     * the feed position the snapshot is consistent with: after the last page, catch up from there.
     */
    public record Snapshot(String cursor, List<ChannelView> channels, List<UserView> users,
                           List<ConversationView> conversations, List<ContactView> contacts,
                           List<MessageView> messages, List<NoteView> notes, String nextPageToken) {
    }

    /** {@code GET /api/v1/conversations}: one page of the conversation list. */
    public record ConversationPage(List<ConversationView> conversations, List<ContactView> contacts,
                                   String nextPageToken) {
    }
}
