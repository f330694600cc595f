package id.orqestra.cloud.outbound;

import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.tenant.Permission;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A number's throughput is a hard ceiling: 2,000 replies queued at once on one WhatsApp number at its
 * default 80 messages a second take at least 25 seconds to go out, and Meta (the simulator) never
 * counts more than 80 in any one second — neither per calendar second nor in any sliding second.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendRateTest extends OutboundTestSupport {

    static final int SENDS = 2_000;
    static final int RATE = 80;

    @Inject
    OutboundWorkers workers;
    @Inject
    OutboundService outbound;

    @Test
    void twoThousandSendsOnOneNumberKeepToEightyPerSecond() throws Exception {
        simulator.statusWebhooks(false); // the test measures sending; 6,000 status webhooks would only add load
        long ownerId = jdbi.withHandle(h -> h.createQuery("SELECT id FROM users WHERE email = 'owner@outbound.test'")
                .mapTo(Long.class).one());
        List<Long> conversations = jdbi.withHandle(h -> {
            h.createUpdate("""
                            INSERT INTO contacts (org_id, channel_id, platform, external_id, name)
                            SELECT :org, :channel, 'WHATSAPP', '6285' || lpad(n::text, 8, '0'), 'Pelanggan ' || n
                              FROM generate_series(1, :n) n
                            """)
                    .bind("org", orgId).bind("channel", waChannel).bind("n", SENDS).execute();
            return h.createQuery("""
                            INSERT INTO conversations (org_id, channel_id, contact_id, last_inbound_at, last_message_at)
                            SELECT org_id, channel_id, id, now(), now() FROM contacts WHERE channel_id = :channel
                            RETURNING id
                            """)
                    .bind("channel", waChannel).mapTo(Long.class).list();
        });
        assertThat(conversations).hasSize(SENDS);

        // queued through the service itself (the HTTP path is covered elsewhere): only the sending is measured
        Principal.Member me = new Principal.Member(ownerId, orgId, "Owner", "owner@outbound.test", UUID.randomUUID(),
                EnumSet.allOf(Permission.class));
        workers.pause();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<OutboundService.Sent>> queued = new ArrayList<>();
            for (long conversation : conversations) {
                queued.add(pool.submit(() -> outbound.send(me, conversation, UUID.randomUUID().toString(),
                        new InboxRequests.SendMessage("Promo kopi susu gula aren hari ini!", null))));
            }
            for (Future<OutboundService.Sent> sent : queued) {
                assertThat(sent.get().created()).isTrue();
            }
        }
        assertThat(count("SELECT count(*) FROM outbound_jobs WHERE state = 'QUEUED' AND kind = 'MESSAGE'")).isEqualTo(SENDS);

        workers.resume();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> simulator.accepted().size() >= SENDS);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("SELECT count(*) FROM messages WHERE status = 'SENT' AND direction = 'OUTBOUND'") == SENDS);

        List<Long> arrivals = new ArrayList<>(simulator.sendTimes(PHONE));
        arrivals.sort(null);
        assertThat(arrivals).hasSize(SENDS);
        Duration took = Duration.ofNanos(arrivals.getLast() - arrivals.getFirst());
        // at exactly 80 a second, the 2,000th send starts 1,999/80 s after the first
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis((SENDS - 1) * 1000L / RATE));
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(25).minusMillis(20));
        assertThat(simulator.maxPerSecond(PHONE)).isLessThanOrEqualTo(RATE);
        assertThat(simulator.accepted()).hasSize(SENDS);
    }
}
