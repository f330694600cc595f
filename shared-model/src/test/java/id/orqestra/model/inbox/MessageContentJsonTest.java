package id.orqestra.model.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Backend and desktop read message content from the same JSON: every kind survives the round trip. */
class MessageContentJsonTest {

    final ObjectMapper json = new ObjectMapper();

    @Test
    void everyKindRoundTripsWithItsTypeName() throws Exception {
        List<MessageContent> kinds = List.of(
                new MessageContent.Text("Halo"),
                new MessageContent.Media(MessageContent.MediaKind.VOICE, "123", null, "audio/ogg; codecs=opus", "abc", null, null, 4096L, null),
                new MessageContent.Location(-6.9, 107.6, "Rumah", "Jl. Juanda", null),
                new MessageContent.ContactCards(List.of(new MessageContent.ContactCard("Sam", List.of(
                        new MessageContent.ContactCard.Phone("+62 812", "62812", "CELL")), List.of(), null))),
                new MessageContent.InteractiveReply(MessageContent.InteractiveKind.LIST, "r1", "Arabica", "250 g", null),
                new MessageContent.ButtonReply("STOP", "Stop promotions"),
                new MessageContent.Order("cat", "please", List.of(new MessageContent.OrderItem("sku", 2, new BigDecimal("135000"), "IDR"))),
                new MessageContent.Share("reel", "https://x", "title", "m1"),
                new MessageContent.StoryMention("https://cdn"),
                new MessageContent.Postback("Get started", "START"),
                new MessageContent.Comment("c1", "Ready?", "m1", "FEED", null, null, null),
                new MessageContent.Mention("m1", "c1"),
                new MessageContent.SystemNotice("user_changed_number", "Changed number"),
                new MessageContent.Template("order_confirmation", "id", "Your order is confirmed"),
                new MessageContent.Unsupported("poll", 131051, "Message type unknown", null));
        for (MessageContent content : kinds) {
            String text = json.writeValueAsString(content);
            assertThat(json.readValue(text, MessageContent.class)).as(text).isEqualTo(content);
            assertThat(content.preview()).as("preview of %s", content).isNotBlank();
        }
    }

    @Test
    void previewsReadLikeAPersonWouldSayThem() {
        assertThat(new MessageContent.Media(MessageContent.MediaKind.DOCUMENT, "1", null, "application/pdf", null, null,
                "invoice.pdf", null, null).preview()).isEqualTo("📄 invoice.pdf");
        assertThat(new MessageContent.Order(null, null, List.of(new MessageContent.OrderItem("a", 2, BigDecimal.ONE, "IDR"),
                new MessageContent.OrderItem("b", 1, BigDecimal.ONE, "IDR"))).preview()).isEqualTo("🛒 Order, 3 items");
        assertThat(new MessageContent.Unsupported("unsupported", null, null, null).preview()).isEqualTo("Unsupported message");
    }
}
