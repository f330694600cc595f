package id.orqestra.cloud.inbox.ingest;

import id.orqestra.cloud.demo.SampleAccounts;
import id.orqestra.cloud.meta.testing.Expectation;
import id.orqestra.cloud.meta.testing.FixtureOracle;
import id.orqestra.cloud.meta.testing.Fixtures;
import id.orqestra.cloud.testing.BackendTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meta retries and reorders: replaying the whole fixture set three times, shuffled and concurrently,
 * leaves exactly the rows one orderly replay leaves.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShuffledReplayTest extends BackendTest {

    /** What a person could see, without surrogate ids or receive times. */
    static final Map<String, String> VISIBLE_ROWS = new LinkedHashMap<>();

    static {
        // a thread that parked early replies and was emptied again shows nowhere, nor does its contact
        VISIBLE_ROWS.put("contacts", """
                SELECT platform, external_id, scoped_user_id, parent_scoped_user_id, name, username, attributes,
                       marketing_opt_out, profile_at FROM contacts ct
                 WHERE NOT EXISTS (SELECT 1 FROM conversations cv WHERE cv.contact_id = ct.id)
                    OR EXISTS (SELECT 1 FROM conversations cv WHERE cv.contact_id = ct.id AND cv.last_message_at IS NOT NULL)""");
        VISIBLE_ROWS.put("conversations", """
                SELECT ct.external_id, ct.scoped_user_id, cv.kind, cv.thread_ref, cv.status, cv.last_message_preview,
                       cv.last_message_direction, cv.unread_count, cv.referral, cv.free_entry_until
                  FROM conversations cv JOIN contacts ct ON ct.id = cv.contact_id WHERE cv.last_message_at IS NOT NULL""");
        VISIBLE_ROWS.put("messages", """
                SELECT m.provider_message_id, m.direction, m.content_type, m.content, m.original_content, m.preview,
                       m.context, m.referral, m.reply_to_provider_id, m.status, m.status_at, m.error, m.edited_at,
                       m.deleted_at, ct.external_id, cv.thread_ref
                  FROM messages m JOIN conversations cv ON cv.id = m.conversation_id JOIN contacts ct ON ct.id = cv.contact_id""");
        VISIBLE_ROWS.put("statuses", "SELECT provider_message_id, status, occurred_at, recipient_id, errors, pricing_category, "
                + "conversation_origin FROM message_status_events");
        VISIBLE_ROWS.put("reactions", "SELECT target_provider_id, reactor, emoji, reacted_at FROM message_reactions");
        VISIBLE_ROWS.put("revisions", "SELECT target_provider_id, kind, occurred_at, content FROM message_revisions");
        // a notice Meta sends without a time is dated when it arrived, which differs from replay to replay
        VISIBLE_ROWS.put("notices", "SELECT kind, subject, status, summary, attributes FROM account_notices");
        VISIBLE_ROWS.put("unsupported", "SELECT platform, kind, reason, error_title, raw FROM unsupported_events");
        VISIBLE_ROWS.put("unrouted", "SELECT platform, route_kind, account_id, field, raw FROM unrouted_changes");
        VISIBLE_ROWS.put("media", "SELECT m.provider_message_id, d.provider_media_id, d.url FROM media_downloads d "
                + "JOIN messages m ON m.id = d.message_id");
    }

    @Override
    protected Map<String, String> extraProperties() {
        // nothing answers there: media downloads stay out of the way of the comparison
        return Map.of("orqestra.meta.graph-base-url", "http://127.0.0.1:9", "orqestra.ingest.workers", "4");
    }

    @BeforeAll
    void channelsForEveryAccount() {
        long org = organizations.organization("Replay", "replay");
        SampleAccounts accounts = new SampleAccounts();
        Fixtures.all().stream().filter(f -> !f.name().contains("unknown-account")).forEach(f -> accounts.add(f.endpoint(), f.body()));
        accounts.whatsAppNumbers().forEach((phone, waba) -> organizations.whatsApp(org, waba, phone, "replay-token-000000000"));
        accounts.businessAccountsWithoutNumbers().forEach(waba -> jdbi.useHandle(h -> h.execute(
                "INSERT INTO channels (org_id, platform, name, wa_business_account_id) VALUES (?, 'WHATSAPP', 'WABA', ?)", org, waba)));
        accounts.instagramAccounts().forEach(account -> organizations.instagram(org, account, "replay-ig-token-000000"));
    }

    private Map<String, List<String>> visibleRows() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        VISIBLE_ROWS.forEach((name, sql) -> rows.put(name, jdbi.withHandle(h -> h.createQuery(sql).mapToMap().list())
                .stream().map(Object::toString).sorted().toList()));
        return rows;
    }

    private void empty() {
        jdbi.useHandle(h -> h.execute("""
                TRUNCATE webhook_journal, webhook_changes_applied, unrouted_changes, unsupported_events, contacts,
                         conversations, messages, message_status_events, message_reactions, message_revisions,
                         account_notices, media_downloads, change_events CASCADE"""));
    }

    private void post(List<Fixtures.Fixture> fixtures, int threads) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (Fixtures.Fixture fixture : fixtures) {
                statuses.add(pool.submit(() -> postSigned(fixture.endpoint(), fixture.body()).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        }
        awaitJournalDrained();
    }

    /**
     * The shared fixtures were anonymised by rewriting ids, so a few files reuse one message id for
     * different messages — something Meta never does. Which of those wins depends on arrival order, so
     * such files are replayed apart and only checked for doubles.
     */
    static Set<Fixtures.Fixture> withConflictingIds(List<Fixtures.Fixture> fixtures) {
        Map<String, Set<String>> versions = new HashMap<>();
        Map<String, Set<Fixtures.Fixture>> files = new HashMap<>();
        for (Fixtures.Fixture fixture : fixtures) {
            for (Expectation e : FixtureOracle.expect(fixture.endpoint(), fixture.body())) {
                if (e instanceof Expectation.ExpectMessage m) {
                    versions.computeIfAbsent(m.providerMessageId(), id -> new HashSet<>())
                            .add(m.contentKind() + "|" + m.textFragment() + "|" + m.customerKey() + "|" + m.mediaId());
                    files.computeIfAbsent(m.providerMessageId(), id -> new HashSet<>()).add(fixture);
                }
            }
        }
        Set<Fixtures.Fixture> conflicting = new HashSet<>();
        versions.forEach((id, seen) -> {
            if (seen.size() > 1) {
                conflicting.addAll(files.get(id));
            }
        });
        return conflicting;
    }

    private static List<Fixtures.Fixture> threeShuffledRounds(List<Fixtures.Fixture> fixtures, long seed) {
        List<Fixtures.Fixture> thrice = new ArrayList<>();
        Random random = new Random(seed);
        for (int round = 0; round < 3; round++) {
            List<Fixtures.Fixture> shuffled = new ArrayList<>(fixtures);
            Collections.shuffle(shuffled, random);
            thrice.addAll(shuffled);
        }
        return thrice;
    }

    @Test
    void threeShuffledConcurrentReplaysLeaveTheRowsOfOne() throws Exception {
        List<Fixtures.Fixture> all = Fixtures.all();
        Set<Fixtures.Fixture> conflicting = withConflictingIds(all);
        List<Fixtures.Fixture> fixtures = all.stream().filter(f -> !conflicting.contains(f)).toList();
        assertThat(fixtures.size()).as("files replayed together").isGreaterThan(all.size() * 3 / 4);

        empty();
        post(fixtures, 1);
        Map<String, List<String>> once = visibleRows();
        assertThat(once.get("messages")).hasSizeGreaterThan(50);

        empty();
        post(threeShuffledRounds(fixtures, 20261203), 8);
        Map<String, List<String>> replayed = visibleRows();

        for (String table : VISIBLE_ROWS.keySet()) {
            assertThat(replayed.get(table)).as(table).containsExactlyElementsOf(once.get(table));
        }
        assertThat(count("SELECT count(*) FROM webhook_journal")).isEqualTo(3 * fixtures.size());
    }

    @Test
    void filesThatReuseAnIdStillNeverDoubleAMessage() throws Exception {
        List<Fixtures.Fixture> conflicting = new ArrayList<>(withConflictingIds(Fixtures.all()));
        conflicting.sort(java.util.Comparator.comparing(Fixtures.Fixture::toString));
        empty();
        post(threeShuffledRounds(conflicting, 7), 8);
        assertThat(count("SELECT count(*) FROM messages"))
                .isEqualTo(count("SELECT count(DISTINCT (channel_id, provider_message_id)) FROM messages"));
        assertThat(count("SELECT count(*) FROM (SELECT provider_message_id, status, occurred_at FROM message_status_events "
                + "GROUP BY 1, 2, 3 HAVING count(*) > 1) doubles")).isZero();
    }
}
