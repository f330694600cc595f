package id.orqestra.cloud.demo;

import id.orqestra.cloud.meta.MetaSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo environment ({@code ./orqestra server --demo}): once the server listens, seed the demo
 * organization and replay the samples (and any {@code --fixtures} folders) as Meta would send them.
 */
@Singleton
@Requires(env = "demo")
public class DemoEnvironment {

    private static final Logger LOG = LoggerFactory.getLogger(DemoEnvironment.class);

    private final DemoSettings settings;
    private final DemoSeeder seeder;
    private final MetaSettings meta;

    public DemoEnvironment(DemoSettings settings, DemoSeeder seeder, MetaSettings meta) {
        this.settings = settings;
        this.seeder = seeder;
        this.meta = meta;
    }

    @EventListener
    public void onStartup(ServerStartupEvent event) {
        List<SampleLibrary.Sample> samples = new ArrayList<>(SampleLibrary.projectSamples());
        for (String dir : settings.getFixtureDirs()) {
            List<SampleLibrary.Sample> extra = SampleLibrary.folder(Path.of(dir));
            LOG.info("Demo: {} payloads from {}", extra.size(), dir);
            samples.addAll(extra);
        }
        seeder.seed(settings.getOrganizationName(), samples);
        if (!settings.isReplay()) {
            LOG.info("Demo: replay skipped (--no-replay); POST payloads signed with the demo secrets yourself");
            return;
        }
        URI base = URI.create(event.getSource().getURL().toString() + "/");
        Thread.ofVirtual().name("demo-replay").start(() -> {
            try {
                var deliveries = new DemoReplay(base, meta::appSecret)
                        .replay(samples, settings.getReplayInterval(), Instant.now());
                long refused = deliveries.stream().filter(d -> d.status() != 200).count();
                LOG.info("Demo: replayed {} payloads{}", deliveries.size(),
                        refused == 0 ? "" : " (" + refused + " refused: " + deliveries.stream()
                                .filter(d -> d.status() != 200).map(d -> d.sample() + " → " + d.status()).toList() + ")");
            } catch (Exception e) {
                LOG.warn("Demo: replay stopped: {}", e.getMessage());
            }
        });
    }
}
