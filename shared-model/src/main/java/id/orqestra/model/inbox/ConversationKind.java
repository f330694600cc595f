package id.orqestra.model.inbox;

/** A direct conversation, an Instagram comment thread on one media, or the mentions of the business on one media. */
public enum ConversationKind {
    DM, COMMENTS, MENTIONS
}
