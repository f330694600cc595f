package id.orqestra.desktop.inbox;

import id.orqestra.model.inbox.ConversationKind;
import id.orqestra.model.inbox.ConversationStatus;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.Platform;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The messaging window and its countdown, as pure rules over a conversation and a moment. */
class MessagingWindowTest {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    static ConversationView conversation(Platform platform, ConversationKind kind, Instant lastInbound, Instant freeEntryUntil,
                                         Instant windowClosesAt) {
        return new ConversationView(1, 1, platform, 1, kind, null, ConversationStatus.OPEN, null, null, lastInbound,
                "Halo", Direction.INBOUND, lastInbound, freeEntryUntil, 0, List.of(), null, NOW, windowClosesAt);
    }

    @Test
    void aWhatsAppWindowCountsDownInHoursAndMinutesFromTheServersEnd() {
        Instant closes = NOW.plus(Duration.ofHours(3).plusMinutes(12).plusSeconds(30));
        MessagingWindow window = MessagingWindow.of(conversation(Platform.WHATSAPP, ConversationKind.DM,
                NOW.minusSeconds(3600), null, closes), NOW);

        assertThat(window.isOpen()).isTrue();
        assertThat(window.countdown(NOW)).isEqualTo("Window closes in 3 h 12 min");
        // the next change is when the 12th minute is used up, not a fixed minute from now
        assertThat(window.untilNextChange(NOW)).isEqualTo(Duration.ofSeconds(30).plusMillis(1));
        assertThat(window.countdown(NOW.plusSeconds(31))).isEqualTo("Window closes in 3 h 11 min");
        assertThat(window.countdown(NOW.plus(Duration.ofHours(3).plusMinutes(12)))).isEqualTo("Window closes in under a minute");
    }

    @Test
    void withoutTheServersEndTheWindowIs24HoursFromTheCustomersLastMessageOrTheAdEntry() {
        MessagingWindow plain = MessagingWindow.of(conversation(Platform.WHATSAPP, ConversationKind.DM,
                NOW.minus(Duration.ofHours(23)), null, null), NOW);
        assertThat(plain.countdown(NOW)).isEqualTo("Window closes in 1 h");

        MessagingWindow afterAd = MessagingWindow.of(conversation(Platform.WHATSAPP, ConversationKind.DM,
                NOW.minus(Duration.ofHours(30)), NOW.plus(Duration.ofHours(42)), null), NOW);
        assertThat(afterAd.countdown(NOW)).isEqualTo("Window closes in 42 h");
    }

    @Test
    void aClosedWhatsAppWindowOffersTemplatesWithTheServersSentence() {
        MessagingWindow closed = MessagingWindow.of(conversation(Platform.WHATSAPP, ConversationKind.DM,
                NOW.minus(Duration.ofHours(25)), null, NOW.minus(Duration.ofHours(1))), NOW);
        assertThat(closed.state()).isEqualTo(MessagingWindow.State.CLOSED);
        assertThat(closed.countdown(NOW)).isEqualTo("Window closed");
        assertThat(closed.templatesOnly()).isTrue();
        assertThat(closed.refusal()).isEqualTo("The customer last wrote more than 24 hours ago, so WhatsApp accepts only a "
                + "template now. Choose a template to restart the conversation.");
        assertThat(closed.untilNextChange(NOW)).isNull();

        MessagingWindow neverWrote = MessagingWindow.of(conversation(Platform.WHATSAPP, ConversationKind.DM, null, null, null), NOW);
        assertThat(neverWrote.refusal()).startsWith("This customer has not written to you yet");
    }

    @Test
    void instagramCountsDownItsSevenDaysAndThenHasNoTemplates() {
        MessagingWindow open = MessagingWindow.of(conversation(Platform.INSTAGRAM, ConversationKind.DM,
                NOW.minus(Duration.ofDays(2)), null, NOW.plus(Duration.ofDays(5))), NOW);
        assertThat(open.countdown(NOW)).isEqualTo("Window closes in 5 d");

        MessagingWindow closed = MessagingWindow.of(conversation(Platform.INSTAGRAM, ConversationKind.DM,
                NOW.minus(Duration.ofDays(8)), null, NOW.minus(Duration.ofDays(1))), NOW);
        assertThat(closed.templatesOnly()).isFalse();
        assertThat(closed.refusal()).contains("more than 7 days ago");
    }

    @Test
    void commentThreadsHaveNoWindowToShow() {
        MessagingWindow none = MessagingWindow.of(conversation(Platform.INSTAGRAM, ConversationKind.COMMENTS,
                NOW.minusSeconds(60), null, null), NOW);
        assertThat(none.state()).isEqualTo(MessagingWindow.State.NOT_APPLICABLE);
        assertThat(none.countdown(NOW)).isEmpty();
    }

    @Test
    void theRemainingTimeIsWrittenTheWayPeopleSayIt() {
        assertThat(MessagingWindow.remaining(Duration.ofSeconds(59))).isEqualTo("under a minute");
        assertThat(MessagingWindow.remaining(Duration.ofMinutes(45))).isEqualTo("45 min");
        assertThat(MessagingWindow.remaining(Duration.ofMinutes(120))).isEqualTo("2 h");
        assertThat(MessagingWindow.remaining(Duration.ofHours(24))).isEqualTo("24 h");
        assertThat(MessagingWindow.remaining(Duration.ofDays(7).minusMinutes(1))).isEqualTo("6 d 23 h");
        assertThat(MessagingWindow.remaining(Duration.ofHours(49).plusMinutes(5))).isEqualTo("2 d 1 h");
    }
}
