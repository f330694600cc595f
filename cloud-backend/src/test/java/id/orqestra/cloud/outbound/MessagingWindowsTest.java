package id.orqestra.cloud.outbound;

import id.orqestra.model.inbox.ConversationKind;
import id.orqestra.model.inbox.Platform;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The windows in which Meta lets a business write freely, at their edges. */
class MessagingWindowsTest {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void whatsAppIsOpen24HoursFromTheCustomersLastMessage() {
        assertThat(MessagingWindows.whatsAppFreeForm(NOW.minus(Duration.ofHours(23).plusMinutes(59)), null, NOW).allowed()).isTrue();
        assertThat(MessagingWindows.whatsAppFreeForm(NOW.minus(Duration.ofHours(24)), null, NOW).allowed()).isFalse();
        assertThat(MessagingWindows.whatsAppFreeForm(null, null, NOW).refusal()).contains("has not written to you yet");
    }

    @Test
    void anAdEntryKeepsWhatsAppOpenUntilItsFreeEntryEnds() {
        Instant lastWrote = NOW.minus(Duration.ofHours(50));
        assertThat(MessagingWindows.whatsAppFreeForm(lastWrote, NOW.plusSeconds(60), NOW).allowed()).isTrue();
        assertThat(MessagingWindows.whatsAppFreeForm(lastWrote, NOW.minusSeconds(1), NOW).allowed()).isFalse();
        assertThat(MessagingWindows.agentWindowClosesAt(Platform.WHATSAPP, ConversationKind.DM, lastWrote, NOW.plusSeconds(60)))
                .isEqualTo(NOW.plusSeconds(60));
        assertThat(MessagingWindows.agentWindowClosesAt(Platform.WHATSAPP, ConversationKind.DM, NOW, NOW.minusSeconds(60)))
                .isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    void instagramGivesAPersonSevenDaysWithTheTagAndAutomationTwentyFourHours() {
        assertThat(MessagingWindows.instagram(NOW.minus(Duration.ofHours(2)), true, NOW).humanAgentTag()).isFalse();
        MessagingWindows.Decision twoDays = MessagingWindows.instagram(NOW.minus(Duration.ofDays(2)), true, NOW);
        assertThat(twoDays.allowed()).isTrue();
        assertThat(twoDays.humanAgentTag()).isTrue();
        assertThat(MessagingWindows.instagram(NOW.minus(Duration.ofDays(2)), false, NOW).allowed()).isFalse();
        assertThat(MessagingWindows.instagram(NOW.minus(Duration.ofDays(7)), true, NOW).allowed()).isFalse();
        assertThat(MessagingWindows.agentWindowClosesAt(Platform.INSTAGRAM, ConversationKind.DM, NOW, null))
                .isEqualTo(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void commentThreadsHaveNoWindowAndPrivateRepliesSevenDaysFromTheComment() {
        assertThat(MessagingWindows.agentWindowClosesAt(Platform.INSTAGRAM, ConversationKind.COMMENTS, NOW, null)).isNull();
        assertThat(MessagingWindows.privateReply(NOW.minus(Duration.ofDays(6)), NOW).allowed()).isTrue();
        assertThat(MessagingWindows.privateReply(NOW.minus(Duration.ofDays(7)), NOW).refusal()).contains("7 days");
    }
}
