package id.orqestra.desktop.store;

import id.orqestra.model.inbox.ConversationStatus;

/**
 * Which conversations the list shows: a view (mine, unassigned, all) and optional channel, label and
 * status filters. {@code viewerUserId} says whose "mine" it is.
 */
public record ConversationFilter(InboxView view, long viewerUserId, Long channelId, String label,
                                 ConversationStatus status) {

    /** The views of the inbox, as agents know them from other tools. */
    public enum InboxView {
        MINE("Mine"), UNASSIGNED("Unassigned"), ALL("All");

        private final String label;

        InboxView(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static ConversationFilter all(long viewerUserId) {
        return new ConversationFilter(InboxView.ALL, viewerUserId, null, null, null);
    }

    /** True when {@code row} belongs in the list this filter describes (the same rule as the SQL in the store). */
    public boolean matches(ConversationRow row) {
        boolean inView = switch (view) {
            case MINE -> row.assigneeUserId() != null && row.assigneeUserId() == viewerUserId;
            case UNASSIGNED -> row.assigneeUserId() == null;
            case ALL -> true;
        };
        return inView
                && (channelId == null || row.channelId() == channelId)
                && (label == null || row.labels().contains(label))
                && (status == null || row.status() == status);
    }

    public ConversationFilter withView(InboxView newView) {
        return new ConversationFilter(newView, viewerUserId, channelId, label, status);
    }

    public ConversationFilter withChannel(Long newChannelId) {
        return new ConversationFilter(view, viewerUserId, newChannelId, label, status);
    }

    public ConversationFilter withLabel(String newLabel) {
        return new ConversationFilter(view, viewerUserId, channelId, newLabel, status);
    }

    public ConversationFilter withStatus(ConversationStatus newStatus) {
        return new ConversationFilter(view, viewerUserId, channelId, label, newStatus);
    }
}
