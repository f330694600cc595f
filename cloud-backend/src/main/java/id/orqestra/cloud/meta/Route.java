package id.orqestra.cloud.meta;

/**
 * Which connected account a change belongs to. WhatsApp messages and statuses are routed by the phone
 * number id in {@code metadata}; WhatsApp account-level updates by the WABA id of the entry; Instagram
 * by the account id of the entry.
 */
public record Route(Kind kind, String accountId) {

    public enum Kind { WHATSAPP_PHONE_NUMBER, WHATSAPP_BUSINESS_ACCOUNT, INSTAGRAM_ACCOUNT, NONE }

    public static final Route NONE = new Route(Kind.NONE, null);

    public static Route whatsAppPhoneNumber(String phoneNumberId) {
        return phoneNumberId == null || phoneNumberId.isBlank() ? NONE : new Route(Kind.WHATSAPP_PHONE_NUMBER, phoneNumberId);
    }

    public static Route whatsAppBusinessAccount(String wabaId) {
        return wabaId == null || wabaId.isBlank() ? NONE : new Route(Kind.WHATSAPP_BUSINESS_ACCOUNT, wabaId);
    }

    public static Route instagramAccount(String accountId) {
        return accountId == null || accountId.isBlank() ? NONE : new Route(Kind.INSTAGRAM_ACCOUNT, accountId);
    }
}
