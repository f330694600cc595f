package id.orqestra.model.inbox;

import org.junit.jupiter.api.Test;

import static id.orqestra.model.inbox.MessageStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

class MessageStatusTest {

    @Test
    void statusesOnlyMoveForward() {
        assertThat(SENT.canAdvanceTo(DELIVERED)).isTrue();
        assertThat(DELIVERED.canAdvanceTo(READ)).isTrue();
        assertThat(READ.canAdvanceTo(DELIVERED)).isFalse();
        assertThat(READ.canAdvanceTo(SENT)).isFalse();
        assertThat(QUEUED.canAdvanceTo(SENT)).isTrue();
    }

    @Test
    void aFailureEndsTheAttemptWhateverCameBefore() {
        assertThat(READ.canAdvanceTo(FAILED)).isTrue();
        assertThat(FAILED.canAdvanceTo(READ)).isFalse();
        assertThat(FAILED.canAdvanceTo(SENT)).isFalse();
    }

    @Test
    void metaWordsMapAndUnknownOnesDoNot() {
        assertThat(fromMeta("delivered")).isEqualTo(DELIVERED);
        assertThat(fromMeta("PLAYED")).isEqualTo(PLAYED);
        assertThat(fromMeta("warning")).isNull();
        assertThat(fromMeta(null)).isNull();
    }
}
