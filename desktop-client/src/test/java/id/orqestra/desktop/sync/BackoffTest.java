package id.orqestra.desktop.sync;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void delaysDoubleUpToTheCapAndStayInTheUpperHalf() {
        Backoff lowest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0);
        Backoff highest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 1.0);
        assertThat(lowest.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(highest.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(highest.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(highest.delay(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(lowest.delay(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(highest.delay(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(highest.delay(1000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(lowest.delay(1000)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void randomDelaysSpreadOverTheRange() {
        Backoff backoff = Backoff.of(Duration.ofMillis(100), Duration.ofSeconds(10));
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            Duration delay = backoff.delay(5);
            assertThat(delay).isBetween(Duration.ofMillis(800), Duration.ofMillis(1600));
            seen.add(delay.toMillis());
        }
        assertThat(seen).hasSizeGreaterThan(10);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> Backoff.of(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.of(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
