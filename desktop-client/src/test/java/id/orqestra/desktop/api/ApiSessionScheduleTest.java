package id.orqestra.desktop.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** When the session is renewed: shortly before the access token expires, measured on the server's clock. */
class ApiSessionScheduleTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aFifteenMinuteTokenIsRenewedAMinuteBeforeItExpires() {
        Duration delay = ApiSession.renewalDelay(NOW.plus(Duration.ofMinutes(15)), NOW, NOW, NOW);

        assertThat(delay).isEqualTo(Duration.ofMinutes(14));
    }

    @Test
    void aShortTokenKeepsAFifthOfItsLifeInReserve() {
        Duration delay = ApiSession.renewalDelay(NOW.plusSeconds(100), NOW, NOW, NOW);

        assertThat(delay).isEqualTo(Duration.ofSeconds(80));
    }

    @Test
    void aLocalClockThatIsWrongByAnHourChangesNothing() {
        Instant localNow = NOW.plus(Duration.ofHours(1));

        Duration delay = ApiSession.renewalDelay(NOW.plus(Duration.ofMinutes(15)), NOW, localNow, localNow);

        assertThat(delay).isEqualTo(Duration.ofMinutes(14));
    }

    @Test
    void timeAlreadySpentSinceTheTokenArrivedCounts() {
        Duration delay = ApiSession.renewalDelay(NOW.plus(Duration.ofMinutes(15)), NOW, NOW, NOW.plus(Duration.ofMinutes(10)));

        assertThat(delay).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void anOverdueRenewalHappensAlmostAtOnceButNeverInATightLoop() {
        Duration delay = ApiSession.renewalDelay(NOW.minusSeconds(30), NOW, NOW, NOW);

        assertThat(delay).isEqualTo(ApiSession.MIN_RENEWAL_DELAY);
    }

    @Test
    void failedRenewalsAreRetriedLessAndLessOftenUpToFiveMinutes() {
        assertThat(ApiSession.retryDelay(1)).isEqualTo(Duration.ofSeconds(15));
        assertThat(ApiSession.retryDelay(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(ApiSession.retryDelay(3)).isEqualTo(Duration.ofSeconds(60));
        assertThat(ApiSession.retryDelay(10)).isEqualTo(Duration.ofMinutes(5));
    }
}
