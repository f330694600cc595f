package id.orqestra.cloud.bench;

import id.orqestra.cloud.demo.DemoSeeder;
import id.orqestra.cloud.demo.SampleLibrary;
import id.orqestra.cloud.meta.WebhookSignature;
import id.orqestra.cloud.meta.journal.JournalWorkers;
import id.orqestra.model.inbox.Platform;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.HdrHistogram.Histogram;
import org.jdbi.v3.core.Jdbi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./orqestra bench ingest}: signed webhook traffic over loopback against a backend started in
 * this process on its own embedded PostgreSQL. Prints the acknowledgement latency at a fixed rate, the
 * journaling throughput next to a bare 200-OK endpoint under the same load, and the processing rate
 * next to raw single-row JDBC inserts from as many threads — the ratios are what the goals are about.
 */
public final class IngestBench {

    private static final byte[] SECRET = "bench-whatsapp-secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] IG_SECRET = "bench-instagram-secret".getBytes(StandardCharsets.UTF_8);
    private static final Pattern WAMID = Pattern.compile("\"(wamid\\.[^\"]+)\"");
    private static final Pattern MID = Pattern.compile("(\"mid\"\\s*:\\s*\")([^\"]+)(\")");
    /** WhatsApp customer numbers in the samples (wa_id, from, to, recipient_id): Indonesian mobile numbers. */
    private static final Pattern CUSTOMER_NUMBER = Pattern.compile("\"(62\\d{9,12})\"");
    /** How many different customers the traffic comes from: a support inbox hears from many people at once. */
    private static final int CUSTOMERS = 5_000;

    private final int rate;
    private final int seconds;
    private final int threads;
    private final int workers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4)).build();
    private final List<SampleLibrary.Sample> samples = SampleLibrary.projectSamples().stream()
            .filter(s -> !s.name().contains("unknown-account")).toList();
    private final AtomicLong unique = new AtomicLong();

    private IngestBench(int rate, int seconds, int threads, int workers) {
        this.rate = rate;
        this.seconds = seconds;
        this.threads = threads;
        this.workers = workers;
    }

    public static void main(String[] args) throws Exception {
        int rate = 1000;
        int seconds = 15;
        int threads = 16;
        int workers = 4;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("Usage: ./orqestra bench ingest [--rate 1000] [--seconds 15] [--threads 16] [--workers 4]");
                    System.exit(2);
                }
            }
        }
        new IngestBench(rate, seconds, threads, workers).run();
        System.exit(0);
    }

    /** A sample with its message ids made unique, so that every request is new work, signed for its endpoint. */
    private record Signed(Platform platform, byte[] body, String signature) {
    }

    private Signed nextBody() {
        SampleLibrary.Sample sample = samples.get((int) (unique.get() % samples.size()));
        long n = unique.incrementAndGet();
        String suffix = "-b" + n;
        String customer = "\"628" + String.format("%09d", n % CUSTOMERS) + "\"";
        String body = WAMID.matcher(sample.body()).replaceAll(m -> Matcher.quoteReplacement("\"" + m.group(1) + suffix + "\""));
        body = MID.matcher(body).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + suffix + m.group(3)));
        body = CUSTOMER_NUMBER.matcher(body).replaceAll(Matcher.quoteReplacement(customer));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] secret = sample.platform() == Platform.WHATSAPP ? SECRET : IG_SECRET;
        return new Signed(sample.platform(), bytes, WebhookSignature.sign(bytes, secret));
    }

    private HttpRequest request(URI base, String path, Signed signed) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, signed.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()))
                .build();
    }

    private static String webhookPath(Platform platform) {
        return platform == Platform.WHATSAPP ? "webhooks/whatsapp" : "webhooks/instagram";
    }

    private void run() throws Exception {
        Path dataDir = Files.createTempDirectory("orqestra-bench-");
        System.out.printf("Orqestra ingest benchmark — %d cores, JDK %s; backend, database and load generator share this machine%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.println("Starting the backend on a fresh embedded PostgreSQL in " + dataDir + " ...");
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of(
                        "orqestra.data-dir", dataDir.toString(),
                        "micronaut.server.port", -1,
                        "orqestra.meta.whatsapp.app-secret", new String(SECRET, StandardCharsets.UTF_8),
                        "orqestra.meta.instagram.app-secret", new String(IG_SECRET, StandardCharsets.UTF_8),
                        "orqestra.meta.graph-base-url", "http://127.0.0.1:9",
                        "orqestra.bench.enabled", true,
                        // the bench runs the workers itself, to measure processing on its own
                        "orqestra.ingest.workers", 0))
                .start()) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            context.getBean(DemoSeeder.class).seed("Bench", samples);
            URI base = URI.create(server.getURL() + "/");
            Jdbi jdbi = context.getBean(Jdbi.class);

            warmUp(base);
            Histogram bareLatency = fixedRate(base, false);
            Histogram latency = fixedRate(base, true);
            double journaled = closedLoop(base, true);
            double bare = closedLoop(base, false);
            long backlog = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_journal WHERE state = 'pending'")
                    .mapTo(Long.class).one());
            double processed = processBacklog(context.getBean(JournalWorkers.class), jdbi, backlog);
            double raw = rawInserts(jdbi);

            double p50 = latency.getValueAtPercentile(50) / 1000.0;
            double p99 = latency.getValueAtPercentile(99) / 1000.0;
            System.out.println();
            System.out.println("| figure | value | goal | met |");
            System.out.println("|---|---|---|---|");
            row("ack latency p50 at " + rate + " req/s", String.format("%.1f ms", p50), "", "");
            row("ack latency p99 at " + rate + " req/s", String.format("%.1f ms", p99), "≤ 50 ms", p99 <= 50);
            row("bare endpoint p50 / p99, same rate", String.format("%.1f / %.1f ms", bareLatency.getValueAtPercentile(50) / 1000.0,
                    bareLatency.getValueAtPercentile(99) / 1000.0), "", "");
            row("journaled (signed, stored, acknowledged)", String.format("%.0f req/s", journaled), "", "");
            row("bare 200-OK endpoint, same load", String.format("%.0f req/s", bare), "", "");
            row("journaled / bare", String.format("%.2f", journaled / bare), "≥ 0.50", journaled / bare >= 0.5);
            row("processed by " + workers + " workers (" + backlog + " bodies)", String.format("%.0f bodies/s", processed), "", "");
            row("raw single-row JDBC inserts, " + workers + " threads", String.format("%.0f rows/s", raw), "", "");
            row("processed / raw inserts", String.format("%.2f", processed / raw), "≥ 0.60", processed / raw >= 0.6);
        } finally {
            deleteQuietly(dataDir);
        }
    }

    private static void row(String figure, String value, String goal, Object met) {
        String verdict = met instanceof Boolean b ? (b ? "yes" : "NO") : "";
        System.out.printf("| %s | %s | %s | %s |%n", figure, value, goal, verdict);
    }

    private void warmUp(URI base) throws Exception {
        System.out.println("Warming up ...");
        for (int i = 0; i < 2_000; i++) {
            Signed signed = nextBody();
            http.send(request(base, webhookPath(signed.platform()), signed), HttpResponse.BodyHandlers.discarding());
            http.send(request(base, "bench/ok", signed), HttpResponse.BodyHandlers.discarding());
        }
    }

    /**
     * Open loop: requests leave on a fixed schedule whatever the answers do, and latency counts from
     * the scheduled moment, so a stall shows up in the figures instead of slowing the load down.
     */
    private Histogram fixedRate(URI base, boolean webhook) throws Exception {
        int total = rate * seconds;
        System.out.printf("Fixed rate: %d signed requests/s for %d s to the %s ...%n", rate, seconds,
                webhook ? "webhook endpoint" : "bare endpoint");
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
        List<Signed> bodies = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            bodies.add(nextBody());
        }
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>(total);
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Signed signed = bodies.get(i);
            pending.add(http.sendAsync(request(base, webhook ? webhookPath(signed.platform()) : "bench/ok", signed),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                        synchronized (histogram) {
                            histogram.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1_000));
                        }
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        if (failures.get() > 0) {
            System.out.println("  " + failures.get() + " requests were not acknowledged with 200");
        }
        return histogram;
    }

    /** Closed loop: {@code threads} callers send as fast as the answers come back; returns requests per second. */
    private double closedLoop(URI base, boolean webhook) throws Exception {
        System.out.printf("Closed loop, %d concurrent callers, %s ...%n", threads, webhook ? "webhook endpoint" : "bare endpoint");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(5, seconds / 2));
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(threads);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    try {
                        while (System.nanoTime() < deadline) {
                            Signed signed = nextBody();
                            HttpResponse<Void> response = http.send(request(base, webhook ? webhookPath(signed.platform()) : "bench/ok", signed),
                                    HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() == 200) {
                                done.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        System.err.println("  caller stopped: " + e);
                    } finally {
                        finished.countDown();
                    }
                    return null;
                });
            }
            finished.await();
            return done.get() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** The journal left by the load, applied by {@code workers} threads; returns bodies per second. */
    private double processBacklog(JournalWorkers journalWorkers, Jdbi jdbi, long backlog) throws Exception {
        System.out.printf("Processing the %d journaled bodies with %d workers ...%n", backlog, workers);
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(CompletableFuture.runAsync(() -> {
                    while (journalWorkers.processBatch() > 0) {
                        // keep claiming until the journal is empty
                    }
                }, pool));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long failed = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_journal WHERE state <> 'done'")
                .mapTo(Long.class).one());
        if (failed > 0) {
            System.out.println("  " + failed + " bodies did not end as done");
        }
        return backlog / elapsed;
    }

    /** The baseline: the same number of threads each inserting one row per transaction, for a few seconds. */
    private double rawInserts(Jdbi jdbi) throws Exception {
        System.out.printf("Raw single-row inserts from %d threads ...%n", workers);
        jdbi.useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS bench_raw (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "body TEXT NOT NULL, at TIMESTAMPTZ NOT NULL DEFAULT now())"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(5, seconds / 2));
        AtomicLong rows = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            for (int w = 0; w < workers; w++) {
                pool.submit(() -> jdbi.useHandle(h -> {
                    while (System.nanoTime() < deadline) {
                        h.createUpdate("INSERT INTO bench_raw (body) VALUES (:body)").bind("body", "row " + rows.get()).execute();
                        rows.incrementAndGet();
                    }
                }));
            }
        }
        return rows.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temporary folder; the system cleans it eventually
        }
    }
}
