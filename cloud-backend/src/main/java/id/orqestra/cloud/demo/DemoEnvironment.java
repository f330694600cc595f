package id.orqestra.cloud.demo;

import id.orqestra.cloud.meta.MetaSettings;
import id.orqestra.cloud.outbound.TemplateService;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.model.inbox.Platform;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The demo environment ({@code ./orqestra server --demo}): once the server listens, seed the demo
 * organization, point the Meta simulator's webhooks at this server, sync the demo business account's
 * templates from it, and have it replay the samples (and any {@code --fixtures} folders) as Meta would
 * send them, plus one customer whose 24-hour window is closed ({@link ClosedWindowSample}). Replies
 * go out to the simulator, whose status webhooks turn the ticks.
 */
@Singleton
@Requires(env = "demo")
public class DemoEnvironment {

    private static final Logger LOG = LoggerFactory.getLogger(DemoEnvironment.class);

    private final DemoSettings settings;
    private final DemoSeeder seeder;
    private final MetaSettings meta;
    private final DemoSimulatorHost host;
    private final TemplateService templates;
    private final Tx tx;

    public DemoEnvironment(DemoSettings settings, DemoSeeder seeder, MetaSettings meta, DemoSimulatorHost host,
                           TemplateService templates, Tx tx) {
        this.settings = settings;
        this.seeder = seeder;
        this.meta = meta;
        this.host = host;
        this.templates = templates;
        this.tx = tx;
    }

    @EventListener
    public void onStartup(ServerStartupEvent event) {
        List<SampleLibrary.Sample> samples = host.samples();
        for (String dir : settings.getFixtureDirs()) {
            LOG.info("Demo: payloads from {} included", dir);
        }
        long orgId = seeder.seed(settings.getOrganizationName(), samples);
        URI base = URI.create(event.getSource().getURL().toString() + "/");
        host.simulator().deliverWebhooksTo(base, meta::appSecret);
        syncTemplates(orgId);
        if (!settings.isReplay()) {
            LOG.info("Demo: replay skipped (--no-replay); POST payloads signed with the demo secrets yourself");
            return;
        }
        Thread.ofVirtual().name("demo-replay").start(() -> {
            try {
                var deliveries = host.simulator().replayInbound(samples, settings.getReplayInterval(), Instant.now());
                long refused = deliveries.stream().filter(d -> d.status() != 200).count();
                LOG.info("Demo: replayed {} payloads{}", deliveries.size(),
                        refused == 0 ? "" : " (" + refused + " refused: " + deliveries.stream()
                                .filter(d -> d.status() != 200).map(d -> d.sample() + " → " + d.status()).toList() + ")");
                postClosedWindowConversation(base, orgId);
                awaitJournalProcessed();
                int assigned = seeder.assignShareToAgent(orgId);
                LOG.info("Demo: {} conversations assigned to {}, who sees only their own", assigned, DemoSettings.AGENT_EMAIL);
            } catch (Exception e) {
                LOG.warn("Demo: replay stopped: {}", e.getMessage());
            }
        });
    }

    /**
     * A customer who wrote {@link ClosedWindowSample#AGE} ago on a demo number whose business account
     * has the simulator's templates, so that the template picker can be tried. Posted through the
     * signed webhook endpoint like the samples, but with its own time instead of one moved to now.
     */
    private void postClosedWindowConversation(URI base, long orgId) throws IOException, InterruptedException {
        record Number(String waba, String phoneNumberId, String display) {
        }
        Number number = tx.inOrg(orgId, h -> h.createQuery("""
                                SELECT wa_business_account_id, wa_phone_number_id, display_phone_number FROM channels
                                 WHERE org_id = :org AND platform = 'WHATSAPP' AND wa_phone_number_id IS NOT NULL ORDER BY id
                                """)
                        .bind("org", orgId)
                        .map((rs, ctx) -> new Number(rs.getString(1), rs.getString(2), rs.getString(3)))
                        .list())
                .stream().filter(n -> host.simulator().templateCount(n.waba()) > 0).findFirst().orElse(null);
        if (number == null) {
            LOG.info("Demo: no number has the simulator's templates; no conversation with a closed window added");
            return;
        }
        String body = ClosedWindowSample.body(number.waba(), number.phoneNumberId(), number.display(), Instant.now());
        int status = new DemoReplay(base, meta::appSecret).post(Platform.WHATSAPP, body.getBytes(StandardCharsets.UTF_8));
        if (status != 200) {
            LOG.warn("Demo: the conversation with a closed window was refused ({})", status);
        }
    }

    /** The replayed bodies are journaled at once but applied by the workers; wait (briefly) until they are. */
    private void awaitJournalProcessed() throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            int pending = tx.system(h -> h.createQuery("SELECT count(*) FROM webhook_journal WHERE state = 'pending'")
                    .mapTo(Integer.class).one());
            if (pending == 0) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** One sync per demo business account, so the template picker has the sample templates. */
    private void syncTemplates(long orgId) {
        tx.inOrg(orgId, h -> {
            h.createQuery("""
                            SELECT DISTINCT ON (wa_business_account_id) id, wa_business_account_id FROM channels
                             WHERE org_id = :org AND platform = 'WHATSAPP' AND wa_phone_number_id IS NOT NULL
                             ORDER BY wa_business_account_id, id
                            """)
                    .bind("org", orgId)
                    .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)})
                    .list()
                    .forEach(row -> templates.requestSync(h, orgId, (Long) row[0], (String) row[1]));
            return null;
        });
    }
}
