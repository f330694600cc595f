package id.orqestra.cloud.demo;

import id.orqestra.model.inbox.Platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Meta webhook payloads to replay: the project's own samples (listed in
 * {@code samples/meta/manifest.txt} on the classpath) and every {@code *.json} under extra folders.
 * Graph API responses ({@code wa-api-*}) are not webhooks and are left out.
 */
public final class SampleLibrary {

    public static final String MANIFEST = "samples/meta/manifest.txt";

    /** One payload: its name, the endpoint it belongs to, and its body exactly as stored. */
    public record Sample(String name, Platform platform, String body) {
    }

    private SampleLibrary() {
    }

    public static List<Sample> projectSamples() {
        ClassLoader loader = SampleLibrary.class.getClassLoader();
        String manifest = read(loader, MANIFEST);
        List<Sample> samples = new ArrayList<>();
        for (String line : manifest.split("\n")) {
            String path = line.strip();
            if (path.isEmpty() || path.startsWith("#")) {
                continue;
            }
            String resource = path.startsWith("samples/") ? path : "samples/meta/" + path;
            samples.add(new Sample(resource, platformOf(resource), read(loader, resource)));
        }
        return samples;
    }

    /** Every webhook payload under {@code folder}, in path order; a clear error when the folder is missing. */
    public static List<Sample> folder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--fixtures " + folder + ": no such folder");
        }
        try (Stream<Path> files = Files.walk(folder)) {
            List<Sample> samples = new ArrayList<>();
            for (Path file : files.filter(SampleLibrary::isWebhookPayload).sorted().toList()) {
                samples.add(new Sample(folder.relativize(file).toString(), platformOf(file.toString()),
                        Files.readString(file, StandardCharsets.UTF_8)));
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read payloads under " + folder, e);
        }
    }

    static boolean isWebhookPayload(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && name.endsWith(".json") && !name.startsWith("wa-api-");
    }

    /** Which endpoint a payload belongs to, from its path (an "instagram" folder or an "ig-" file name). */
    static Platform platformOf(String path) {
        String normalised = path.replace('\\', '/');
        String name = normalised.substring(normalised.lastIndexOf('/') + 1);
        return normalised.contains("/instagram/") || name.startsWith("ig-") ? Platform.INSTAGRAM : Platform.WHATSAPP;
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
