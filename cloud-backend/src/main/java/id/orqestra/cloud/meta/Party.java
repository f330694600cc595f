package id.orqestra.cloud.meta;

/**
 * The customer side of a conversation as Meta identifies it. For WhatsApp {@code id} is the
 * {@code wa_id} exactly as received (never normalised: replies must go to it as given) and
 * {@code scopedUserId} the business-scoped user id ("BSUID") when present; for Instagram {@code id}
 * is the IGSID. Either id may be missing on newer payloads, never both.
 */
public record Party(String id, String scopedUserId, String parentScopedUserId, String name, String username) {

    /** The key a contact is found by: the platform id when there is one, else the business-scoped id. */
    public String key() {
        return id != null && !id.isBlank() ? id : scopedUserId;
    }
}
