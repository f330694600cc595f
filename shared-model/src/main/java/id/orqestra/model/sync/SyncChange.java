package id.orqestra.model.sync;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import id.orqestra.model.inbox.ChannelView;
import id.orqestra.model.inbox.ContactView;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.inbox.NoteView;
import id.orqestra.model.tenant.UserView;

/**
 * What changed, carrying the entity's whole new state so that a client can upsert it without asking
 * the server again (and so that applying the same change twice is harmless).
 * <p>
 * The feed is gap-free but ordered by writing transaction, not by commit: two transactions that change
 * the same row may deliver their states in the opposite order to the one they committed in. Every
 * entity therefore carries a {@code version} that its row counts up under the row's lock (so in
 * commit order), and a client keeps, per entity, the state with the highest version it has seen.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SyncChange.ContactUpserted.class, name = "contact.upserted"),
        @JsonSubTypes.Type(value = SyncChange.ConversationUpserted.class, name = "conversation.upserted"),
        @JsonSubTypes.Type(value = SyncChange.MessageUpserted.class, name = "message.upserted"),
        @JsonSubTypes.Type(value = SyncChange.ChannelUpserted.class, name = "channel.upserted"),
        @JsonSubTypes.Type(value = SyncChange.NoteUpserted.class, name = "note.upserted"),
        @JsonSubTypes.Type(value = SyncChange.UserUpserted.class, name = "user.upserted"),
        @JsonSubTypes.Type(value = SyncChange.ConversationHidden.class, name = "conversation.hidden"),
})
public sealed interface SyncChange {

    /** The conversation this change belongs to, for permission filtering; null for org-wide changes. */
    Long conversationId();

    record ContactUpserted(ContactView contact) implements SyncChange {
        @Override
        public Long conversationId() {
            return null;
        }
    }

    record ConversationUpserted(ConversationView conversation) implements SyncChange {
        @Override
        public Long conversationId() {
            return conversation.id();
        }
    }

    record MessageUpserted(MessageView message) implements SyncChange {
        @Override
        public Long conversationId() {
            return message.conversationId();
        }
    }

    record ChannelUpserted(ChannelView channel) implements SyncChange {
        @Override
        public Long conversationId() {
            return null;
        }
    }

    record NoteUpserted(NoteView note) implements SyncChange {
        @Override
        public Long conversationId() {
            return note.conversationId();
        }
    }

    /** A team member joined or changed (for names and avatars next to assignments and notes). */
    record UserUpserted(UserView user) implements SyncChange {
        @Override
        public Long conversationId() {
            return null;
        }
    }

    /**
     * The conversation is no longer visible to this reader (for example reassigned away from an agent
     * who only sees their own): the client drops it from its cache, unless it already holds a later
     * version, and ignores older states of it that arrive afterwards.
     */
    record ConversationHidden(long conversation, long version) implements SyncChange {
        @Override
        public Long conversationId() {
            return conversation;
        }
    }
}
