package id.orqestra.model.inbox;

public enum ConversationStatus {
    OPEN, PENDING, RESOLVED
}
