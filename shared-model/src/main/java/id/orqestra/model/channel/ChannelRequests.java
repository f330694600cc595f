package id.orqestra.model.channel;

/** Bodies of the channel setup endpoints. Tokens go in; no answer ever carries them back. */
public final class ChannelRequests {

    private ChannelRequests() {
    }

    /** {@code POST /api/v1/channels/whatsapp}. */
    public record ConnectWhatsApp(String name, String businessAccountId, String phoneNumberId,
                                  String displayPhoneNumber, String accessToken) {
        public static ConnectWhatsApp example() {
            return new ConnectWhatsApp("Support line", "100000000000009", "200000000000009", "+62 812 0000 0009",
                    "EAAG-example-token");
        }
    }

    /** {@code POST /api/v1/channels/instagram}. */
    public record ConnectInstagram(String name, String accountId, String username, String accessToken) {
        public static ConnectInstagram example() {
            return new ConnectInstagram("Instagram shop", "17841000000000009", "example_shop", "IGAA-example-token");
        }
    }

    /**
     * {@code PATCH /api/v1/channels/{id}}: rename, disable or enable, give a new token, or set the
     * WhatsApp number's send rate (messages per second, 1 to 1,000; Meta's default throughput is 80).
     */
    public record UpdateChannel(String name, Boolean enabled, String accessToken, Integer messagesPerSecond) {

        @com.fasterxml.jackson.annotation.JsonCreator
        public UpdateChannel {
        }

        public UpdateChannel(String name, Boolean enabled, String accessToken) {
            this(name, enabled, accessToken, null);
        }

        public static UpdateChannel example() {
            return new UpdateChannel(null, Boolean.TRUE, null);
        }
    }
}
