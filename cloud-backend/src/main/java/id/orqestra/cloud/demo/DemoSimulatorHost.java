package id.orqestra.cloud.demo;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.demo.simulator.MetaSimulator;
import id.orqestra.cloud.platform.json.Json;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Meta simulator of the demo environment: started before anything talks to the Graph API, with
 * every account the samples (and {@code --fixtures} folders) name, the demo's access token, and the
 * sample templates of the demo business account.
 */
@Singleton
@Requires(env = "demo")
public class DemoSimulatorHost {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSimulatorHost.class);
    static final String TEMPLATES = "samples/simulator/templates.json";

    private final MetaSimulator simulator;
    private final List<SampleLibrary.Sample> samples;

    public DemoSimulatorHost(DemoSettings settings,
                             @Value("${orqestra.meta.graph-version:v23.0}") String graphVersion,
                             @Value("${orqestra.demo.simulator-port:0}") int port,
                             @Value("${orqestra.demo.simulator-failure-rate:0}") double failureRate,
                             @Value("${orqestra.demo.simulator-failure-code:131026}") int failureCode) {
        List<SampleLibrary.Sample> all = new ArrayList<>(SampleLibrary.projectSamples());
        for (String dir : settings.getFixtureDirs()) {
            all.addAll(SampleLibrary.folder(Path.of(dir)));
        }
        this.samples = List.copyOf(all);
        this.simulator = MetaSimulator.start(port, graphVersion, Set.of(DemoSettings.ACCESS_TOKEN));
        SampleAccounts accounts = new SampleAccounts();
        samples.stream().filter(s -> !s.name().contains(DemoSeeder.FOREIGN_ACCOUNT_MARK))
                .forEach(s -> accounts.add(s.platform(), s.body()));
        for (Map.Entry<String, String> number : accounts.whatsAppNumbers().entrySet()) {
            simulator.addWhatsAppNumber(number.getKey(), number.getValue(), accounts.displayNumber(number.getKey()));
        }
        accounts.instagramAccounts().forEach(simulator::addInstagramAccount);
        simulator.putTemplates(templates());
        // a share of replies can end failed, to show how a failure looks (off unless configured)
        simulator.failDeliveries(failureRate, failureCode);
        LOG.info("Demo: Meta simulator listening on {}", simulator.baseUri());
    }

    private static JsonNode templates() {
        try (InputStream in = DemoSimulatorHost.class.getClassLoader().getResourceAsStream(TEMPLATES)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + TEMPLATES);
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + TEMPLATES, e);
        }
    }

    public MetaSimulator simulator() {
        return simulator;
    }

    /** The payloads the demo seeds channels for and replays: the project's samples and the --fixtures folders. */
    public List<SampleLibrary.Sample> samples() {
        return samples;
    }

    @PreDestroy
    public void stop() {
        simulator.close();
    }
}
