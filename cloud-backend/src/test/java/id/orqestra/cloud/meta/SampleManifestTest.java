package id.orqestra.cloud.meta;

import id.orqestra.cloud.meta.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo replays samples from {@code manifest.txt} because a classpath folder cannot be listed inside
 * a jar; here, where the samples are plain files, the manifest must name exactly the files present.
 */
class SampleManifestTest {

    @Test
    void manifest_lists_every_sample_file_once() throws IOException, URISyntaxException {
        URL manifest = getClass().getClassLoader().getResource(Fixtures.MANIFEST);
        assertThat(manifest).as("manifest on the classpath").isNotNull();
        Path root = Path.of(manifest.toURI()).getParent();
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(root)) {
            onDisk = files.filter(path -> path.toString().endsWith(".json"))
                    .map(path -> root.relativize(path).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
        List<String> listed = Fixtures.sampleNames();

        assertThat(listed).doesNotHaveDuplicates();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(onDisk);
    }

    @Test
    void samples_never_copy_a_shared_fixture() {
        List<String> shared = Fixtures.shared().stream().map(f -> f.body().replaceAll("\\s", "")).toList();
        Fixtures.samples().forEach(sample ->
                assertThat(shared).as("%s is a copy of a shared fixture", sample).doesNotContain(sample.body().replaceAll("\\s", "")));
    }
}
