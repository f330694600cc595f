package id.orqestra.model.inbox;

/** Whether a message's file has been copied into Orqestra's own storage. */
public enum MediaState {
    /** Still being fetched from Meta. */
    PENDING,
    /** In our storage; served from /api/v1/messages/{id}/media. */
    STORED,
    /** Meta's link could not be fetched after several tries; the message still shows. */
    FAILED,
    /** Deliberately not kept (Meta asks that story-mention media is not stored). */
    NOT_KEPT
}
