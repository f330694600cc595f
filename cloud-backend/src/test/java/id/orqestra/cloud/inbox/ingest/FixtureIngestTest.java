package id.orqestra.cloud.inbox.ingest;

import id.orqestra.cloud.demo.SampleAccounts;
import id.orqestra.cloud.meta.Route;
import id.orqestra.cloud.meta.testing.Expectation;
import id.orqestra.cloud.meta.testing.Expectation.ExpectDeletion;
import id.orqestra.cloud.meta.testing.Expectation.ExpectEdit;
import id.orqestra.cloud.meta.testing.Expectation.ExpectMessage;
import id.orqestra.cloud.meta.testing.Expectation.ExpectNotice;
import id.orqestra.cloud.meta.testing.Expectation.ExpectPreference;
import id.orqestra.cloud.meta.testing.Expectation.ExpectReaction;
import id.orqestra.cloud.meta.testing.Expectation.ExpectRead;
import id.orqestra.cloud.meta.testing.Expectation.ExpectReferral;
import id.orqestra.cloud.meta.testing.Expectation.ExpectRoute;
import id.orqestra.cloud.meta.testing.Expectation.ExpectStatus;
import id.orqestra.cloud.meta.testing.Expectation.ExpectUnsupported;
import id.orqestra.cloud.meta.testing.FixtureOracle;
import id.orqestra.cloud.meta.testing.Fixtures;
import id.orqestra.cloud.meta.testing.OracleReading;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.model.inbox.MessageContent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every webhook body we know — the project's own samples and, when present, the shared conformance
 * fixtures (a new file is picked up with no code change) — posted over real HTTP to the running
 * backend, one at a time on an empty inbox, and checked in PostgreSQL against an independent reading
 * of the body: what an agent or admin would see, per kind.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FixtureIngestTest extends BackendTest {

    final Set<String> ownedAccounts = new HashSet<>();

    static List<Fixtures.Fixture> fixtures() {
        return Fixtures.all();
    }

    /** One organization owning every account the bodies name, except the deliberately foreign one. */
    @BeforeAll
    void channelsForEveryAccount() {
        long org = organizations.organization("Fixtures", "fixtures");
        SampleAccounts accounts = new SampleAccounts();
        fixtures().stream().filter(f -> !f.name().contains("unknown-account"))
                .forEach(f -> accounts.add(f.endpoint(), f.body()));
        accounts.whatsAppNumbers().forEach((phone, waba) -> {
            organizations.whatsApp(org, waba, phone, "fixture-token-00000000");
            ownedAccounts.add(phone);
            ownedAccounts.add(waba);
        });
        accounts.businessAccountsWithoutNumbers().forEach(waba -> {
            jdbi.useHandle(h -> h.execute("INSERT INTO channels (org_id, platform, name, wa_business_account_id) "
                    + "VALUES (?, 'WHATSAPP', 'WABA', ?)", org, waba));
            ownedAccounts.add(waba);
        });
        accounts.instagramAccounts().forEach(account -> {
            organizations.instagram(org, account, "fixture-ig-token-000000");
            ownedAccounts.add(account);
        });
    }

    private void emptyTheInbox() {
        jdbi.useHandle(h -> h.execute("""
                TRUNCATE webhook_journal, webhook_changes_applied, unrouted_changes, unsupported_events, contacts,
                         conversations, messages, message_status_events, message_reactions, message_revisions,
                         account_notices, media_downloads, change_events, conversation_labels, notes CASCADE"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void whatTheBodySaysIsWhatTheInboxShows(Fixtures.Fixture fixture) {
        emptyTheInbox();
        assertThat(postSigned(fixture.endpoint(), fixture.body()).statusCode()).isEqualTo(200);
        awaitJournalDrained();
        OracleReading reading = FixtureOracle.read(fixture.endpoint(), fixture.body());
        String state = jdbi.withHandle(h -> h.createQuery("SELECT state || coalesce(': ' || last_error, '') FROM webhook_journal")
                .mapTo(String.class).one());
        assertThat(state).isEqualTo(reading.malformed() ? "malformed: " + reading.malformedReason() : "done");

        Set<String> messageIds = new HashSet<>();
        int referrals = 0;
        jdbi.useHandle(h -> h.execute("SET TIME ZONE 'UTC'"));
        for (OracleReading.ExpectedChange change : reading.changes()) {
            ExpectRoute route = change.route();
            if (route.kind() == Route.Kind.NONE || !ownedAccounts.contains(route.accountId())) {
                assertThat(count("SELECT count(*) FROM unrouted_changes WHERE route_kind = ? AND account_id IS NOT DISTINCT FROM ?",
                        route.kind().name(), route.accountId())).as("kept as unrouted: %s", route).isPositive();
                continue;
            }
            for (Expectation expectation : change.expectations()) {
                jdbi.useHandle(h -> check(h, expectation));
                if (expectation instanceof ExpectMessage m) {
                    messageIds.add(m.providerMessageId());
                }
                if (expectation instanceof ExpectReferral) {
                    referrals++;
                }
            }
        }
        assertThat(count("SELECT count(*) FROM messages"))
                .as("one bubble per message; reactions, statuses and edits never add one")
                .isEqualTo(messageIds.size() + referrals);
    }

    private void check(Handle h, Expectation expectation) {
        switch (expectation) {
            case ExpectMessage m -> checkMessage(h, m);
            case ExpectReaction r -> {
                String reactor = r.direction() == id.orqestra.model.inbox.Direction.INBOUND ? "customer" : "business";
                Optional<String> emoji = h.createQuery("""
                                SELECT coalesce(emoji, '<removed>') FROM message_reactions
                                 WHERE target_provider_id = :target AND reactor = :reactor""")
                        .bind("target", r.targetMessageId()).bind("reactor", reactor).mapTo(String.class).findOne();
                assertThat(emoji).as("reaction on %s", r.targetMessageId()).contains(r.emoji() == null ? "<removed>" : r.emoji());
            }
            case ExpectStatus s -> {
                List<Map<String, Object>> reports = h.createQuery("""
                                SELECT status, (errors->0->>'code')::int AS code FROM message_status_events
                                 WHERE provider_message_id = :id AND status = :status""")
                        .bind("id", s.providerMessageId()).bind("status", s.status().name()).mapToMap().list();
                assertThat(reports).as("status %s of %s", s.status(), s.providerMessageId()).isNotEmpty();
                assertThat(reports.getFirst().get("code")).isEqualTo(s.errorCode());
            }
            case ExpectEdit e -> {
                String content = h.createQuery("SELECT content::text FROM message_revisions WHERE target_provider_id = :id AND kind = 'EDIT'")
                        .bind("id", e.targetMessageId()).mapTo(String.class).findOne().orElse(null);
                assertThat(content).as("edit of %s", e.targetMessageId()).isNotNull();
                MessageContent edited = Json.read(content, MessageContent.class);
                assertThat(FixtureOracle.contentKind(edited)).isEqualTo(e.contentKind());
                if (e.textFragment() != null) {
                    assertThat(FixtureOracle.showsFragment(edited, e.textFragment())).as("edited text").isTrue();
                }
            }
            case ExpectDeletion d -> assertThat(h.createQuery(
                            "SELECT count(*) FROM message_revisions WHERE target_provider_id = :id AND kind = 'DELETE'")
                    .bind("id", d.targetMessageId()).mapTo(Integer.class).one()).as("deletion of %s", d.targetMessageId()).isOne();
            case ExpectRead r -> {
                if (r.lastReadMessageId() != null) {
                    assertThat(h.createQuery("SELECT count(*) FROM message_status_events WHERE provider_message_id = :id AND status = 'READ'")
                            .bind("id", r.lastReadMessageId()).mapTo(Integer.class).one()).as("read up to %s", r.lastReadMessageId()).isOne();
                }
            }
            case ExpectReferral r -> {
                String referral = h.createQuery("""
                                SELECT cv.referral::text FROM conversations cv JOIN contacts ct ON ct.id = cv.contact_id
                                 WHERE ct.external_id = :key OR ct.scoped_user_id = :key""")
                        .bind("key", r.customerKey()).mapTo(String.class).findOne().orElse(null);
                assertThat(referral).as("referral of %s", r.customerKey()).isNotNull();
                if (r.ref() != null) {
                    assertThat(referral).contains(r.ref());
                }
                if (r.adId() != null) {
                    assertThat(referral).contains(r.adId());
                }
            }
            case ExpectPreference p -> {
                Boolean optOut = h.createQuery("SELECT marketing_opt_out FROM contacts WHERE external_id = :key OR scoped_user_id = :key")
                        .bind("key", p.customerKey()).mapTo(Boolean.class).findOne().orElse(null);
                assertThat(optOut).as("preference of %s", p.customerKey())
                        .isEqualTo("marketing_messages".equals(p.category()) && "stop".equalsIgnoreCase(p.value()));
            }
            case ExpectNotice n -> assertThat(h.createQuery("""
                            SELECT count(*) FROM account_notices
                             WHERE kind = :kind AND subject IS NOT DISTINCT FROM :subject AND status IS NOT DISTINCT FROM :status""")
                    .bind("kind", n.kind().name()).bind("subject", n.subject()).bind("status", n.status())
                    .mapTo(Integer.class).one()).as("notice %s", n).isPositive();
            case ExpectUnsupported u -> assertThat(h.createQuery("SELECT count(*) FROM unsupported_events WHERE kind = :kind")
                    .bind("kind", u.kind()).mapTo(Integer.class).one()).as("unsupported %s", u.kind()).isPositive();
            case ExpectRoute r -> { }
        }
    }

    private void checkMessage(Handle h, ExpectMessage expected) {
        Map<String, Object> row = h.createQuery("""
                        SELECT m.direction, coalesce(m.original_content, m.content)::text AS content, m.reply_to_provider_id,
                               cv.thread_ref, ct.external_id, ct.scoped_user_id, ct.name
                          FROM messages m JOIN conversations cv ON cv.id = m.conversation_id JOIN contacts ct ON ct.id = cv.contact_id
                         WHERE m.provider_message_id = :id""")
                .bind("id", expected.providerMessageId()).mapToMap().findOne().orElse(null);
        assertThat(row).as("message %s is in the inbox", expected.providerMessageId()).isNotNull();
        MessageContent content = Json.read((String) row.get("content"), MessageContent.class);
        String what = "message " + expected.providerMessageId();
        assertThat(row.get("direction")).as(what + " direction").isEqualTo(expected.direction().name());
        assertThat(FixtureOracle.contentKind(content)).as(what + " kind").isEqualTo(expected.contentKind());
        if (expected.textFragment() != null) {
            assertThat(FixtureOracle.showsFragment(content, expected.textFragment()))
                    .as(what + " shows '%s' in %s", expected.textFragment(), content).isTrue();
        }
        assertThat(FixtureOracle.mediaIdOf(content)).as(what + " media id").isEqualTo(expected.mediaId());
        assertThat(FixtureOracle.mimeTypeOf(content)).as(what + " mime type").isEqualTo(expected.mimeType());
        assertThat(row.get("reply_to_provider_id")).as(what + " replies to").isEqualTo(expected.replyToMessageId());
        assertThat(row.get("thread_ref")).as(what + " thread").isEqualTo(expected.thread() == null ? "" : expected.thread());
        if (expected.customerKey() != null) {
            assertThat(List.of(String.valueOf(row.get("external_id")), String.valueOf(row.get("scoped_user_id"))))
                    .as(what + " customer").contains(expected.customerKey());
        }
    }
}
