package id.orqestra.cloud.meta;

import id.orqestra.cloud.meta.testing.Expectation.ExpectRoute;
import id.orqestra.cloud.meta.testing.FixtureOracle;
import id.orqestra.cloud.meta.testing.Fixtures;
import id.orqestra.cloud.meta.testing.Fixtures.Fixture;
import id.orqestra.cloud.meta.testing.OracleReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every webhook body we have — the project's samples and, when present, the shared conformance
 * fixtures — parsed and checked against the independent {@link FixtureOracle}.
 */
class MetaWebhookParserFixtureTest {

    static List<Fixture> fixtures() {
        return Fixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parser_agrees_with_the_oracle(Fixture fixture) {
        ParsedDelivery delivery = MetaWebhookParser.parse(fixture.endpoint(), fixture.body());
        OracleReading reading = FixtureOracle.read(fixture.endpoint(), fixture.body());

        assertThat(reading.malformed()).as("the oracle could not read %s", fixture).isFalse();
        assertThat(reading.all()).as("the oracle expects nothing of %s", fixture)
                .anySatisfy(e -> assertThat(e).isNotInstanceOf(ExpectRoute.class));
        assertThat(OracleAgreement.differences(delivery, reading)).as("parser vs oracle on %s", fixture).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void every_webhook_yields_events_with_raw_json(Fixture fixture) {
        ParsedDelivery delivery = MetaWebhookParser.parse(fixture.endpoint(), fixture.body());

        assertThat(delivery.malformed()).as("%s: %s", fixture, delivery.malformedReason()).isFalse();
        assertThat(delivery.changes()).as(fixture.toString()).isNotEmpty();
        assertThat(delivery.changes()).allSatisfy(change -> {
            assertThat(change.events()).as("events of a change in %s", fixture).isNotEmpty();
            assertThat(change.rawJson()).isNotBlank();
            assertThat(MetaJson.MAPPER.readTree(change.rawJson()).isObject()).isTrue();
        });
    }

    @Test
    void samples_are_present_and_cover_both_platforms() {
        List<Fixture> samples = Fixtures.samples();
        assertThat(samples).extracting(Fixture::endpoint).contains(
                id.orqestra.model.inbox.Platform.WHATSAPP, id.orqestra.model.inbox.Platform.INSTAGRAM);
        assertThat(samples.size()).isGreaterThan(60);
    }
}
