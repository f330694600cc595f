package id.orqestra.cloud.meta.testing;

import id.orqestra.model.inbox.Platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every Meta webhook body the tests run: the project's own samples (listed in
 * {@code samples/meta/manifest.txt} on the classpath) and, when present, every {@code *.json} of the
 * shared conformance folder, except Graph API responses ({@code wa-api-*}), which are not webhooks.
 * <p>
 * The shared folder is {@code -Dorqestra.shared-fixtures=DIR} when set, else the first
 * {@code shared/fixtures/meta} found beside the working directory or any of its parents (the repo's
 * sibling {@code ../shared}). A file added to either place is picked up with no code change.
 */
public final class Fixtures {

    public static final String SAMPLES_ROOT = "samples/meta/";
    public static final String MANIFEST = SAMPLES_ROOT + "manifest.txt";
    public static final String SHARED_PROPERTY = "orqestra.shared-fixtures";

    private static volatile boolean absenceReported;

    private Fixtures() {
    }

    /** Where a body comes from. */
    public enum Origin { SAMPLE, SHARED }

    /**
     * One webhook body. {@code name} is the path relative to its folder ("whatsapp/wa-text.json");
     * {@code endpoint} is where it would be posted, from its folder or its "wa-"/"ig-" prefix.
     */
    public record Fixture(Origin origin, String name, Platform endpoint, String body) {

        public String fileName() {
            return name.substring(name.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return origin.name().toLowerCase() + ":" + name;
        }
    }

    /** Samples, then shared fixtures. */
    public static List<Fixture> all() {
        List<Fixture> out = new ArrayList<>(samples());
        out.addAll(shared());
        return out;
    }

    /** The project's own samples, in manifest order. */
    public static List<Fixture> samples() {
        return sampleNames().stream()
                .map(name -> new Fixture(Origin.SAMPLE, name, endpointOf(name), resource(SAMPLES_ROOT + name)))
                .toList();
    }

    /** The manifest's lines: sample paths relative to {@code samples/meta/}. */
    public static List<String> sampleNames() {
        return resource(MANIFEST).lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** The shared fixtures, sorted by path; empty (with one line on stdout saying so) when the folder is absent. */
    public static List<Fixture> shared() {
        Optional<Path> folder = sharedFolder();
        if (folder.isEmpty()) {
            if (!absenceReported) {
                absenceReported = true;
                String configured = System.getProperty(SHARED_PROPERTY);
                System.out.println("Shared Meta fixtures not found ("
                        + (configured != null && !configured.isBlank()
                        ? "-D" + SHARED_PROPERTY + "=" + configured + " is not a folder"
                        : "no shared/fixtures/meta above " + Path.of("").toAbsolutePath() + "; set -D" + SHARED_PROPERTY + "=DIR")
                        + "); running the project's samples only.");
            }
            return List.of();
        }
        Path root = folder.get();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(".json"))
                    .filter(path -> !path.getFileName().toString().startsWith("wa-api-"))
                    .sorted()
                    .map(path -> {
                        String name = root.relativize(path).toString().replace('\\', '/');
                        return new Fixture(Origin.SHARED, name, endpointOf(name), read(path));
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<Path> sharedFolder() {
        String configured = System.getProperty(SHARED_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/meta");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The sample with this manifest name ("instagram/ig-text.json"). */
    public static Fixture sample(String name) {
        return new Fixture(Origin.SAMPLE, name, endpointOf(name), resource(SAMPLES_ROOT + name));
    }

    /** WhatsApp for a "whatsapp/" folder or a "wa-" file, Instagram for "instagram/" or "ig-". */
    public static Platform endpointOf(String name) {
        String lower = name.toLowerCase();
        String file = lower.substring(lower.lastIndexOf('/') + 1);
        if (lower.startsWith("whatsapp/") || lower.contains("/whatsapp/") || file.startsWith("wa-")) {
            return Platform.WHATSAPP;
        }
        if (lower.startsWith("instagram/") || lower.contains("/instagram/") || file.startsWith("ig-")) {
            return Platform.INSTAGRAM;
        }
        throw new IllegalArgumentException("cannot tell the platform of " + name + ": put it under whatsapp/ or instagram/");
    }

    private static String resource(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + path + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
