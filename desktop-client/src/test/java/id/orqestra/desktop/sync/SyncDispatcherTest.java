package id.orqestra.desktop.sync;

import id.orqestra.desktop.store.ConversationRow;
import id.orqestra.desktop.store.StoreChanges;
import id.orqestra.model.inbox.ConversationStatus;
import id.orqestra.model.inbox.Platform;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SyncDispatcherTest {

    private static StoreChanges rows(long... ids) {
        List<ConversationRow> rows = new ArrayList<>();
        for (long id : ids) {
            rows.add(new ConversationRow(id, 1, Platform.WHATSAPP, id, "C" + id, ConversationStatus.OPEN, null, id, "", null, 0, List.of()));
        }
        return new StoreChanges(rows, Set.of(), List.of(), List.of(), List.of(), Set.of(), false, false, (int) ids.length, "c" + ids.length);
    }

    @Test
    void batchesWaitingForTheUiAreMergedIntoOneHandOver() {
        List<Runnable> uiQueue = new ArrayList<>();
        SyncDispatcher dispatcher = new SyncDispatcher(uiQueue::add);
        List<StoreChanges> delivered = new ArrayList<>();
        dispatcher.subscribe(delivered::add);

        dispatcher.publish(rows(1));
        dispatcher.publish(rows(2, 3));
        dispatcher.publish(rows(4));
        assertThat(uiQueue).hasSize(1);
        uiQueue.removeFirst().run();

        assertThat(delivered).singleElement().satisfies(changes -> {
            assertThat(changes.conversations()).extracting(ConversationRow::id).containsExactly(1L, 2L, 3L, 4L);
            assertThat(changes.unreadTotal()).isEqualTo(1);
            assertThat(changes.cursor()).isEqualTo("c1");
        });

        dispatcher.publish(rows(5));
        assertThat(uiQueue).hasSize(1);
        uiQueue.removeFirst().run();
        assertThat(delivered).hasSize(2);
    }

    @Test
    void aConversationRemovedLaterIsNotHandedOverAsARow() {
        StoreChanges first = rows(1, 2);
        StoreChanges removal = new StoreChanges(List.of(), Set.of(2L), List.of(), List.of(), List.of(), Set.of(), false, false, 0, "c9");
        StoreChanges merged = first.merge(removal);
        assertThat(merged.conversations()).extracting(ConversationRow::id).containsExactly(1L);
        assertThat(merged.removedConversations()).containsExactly(2L);
    }
}
