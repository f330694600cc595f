package id.orqestra.desktop.sync;

import id.orqestra.desktop.api.ApiException;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Message files (photos, voice notes, documents) kept on disk beside the cache, fetched once from the
 * media endpoint. A file already on disk is answered without a request; two asks for the same file
 * share one download.
 */
public final class MediaCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaCache.class);

    private final Path folder;
    private final SyncApi api;
    private final ExecutorService downloads;
    private final Map<Long, CompletableFuture<Path>> inFlight = new ConcurrentHashMap<>();

    public MediaCache(Path folder, SyncApi api) {
        this.folder = Objects.requireNonNull(folder);
        this.api = Objects.requireNonNull(api);
        this.downloads = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "orqestra-media");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Where the file of {@code message} is (or will be) kept. */
    public Path fileOf(MessageView message) {
        String name = message.content() instanceof MessageContent.Media media && media.filename() != null
                && !media.filename().isBlank()
                ? message.id() + "-" + media.filename().replaceAll("[^A-Za-z0-9._-]+", "_")
                : message.id() + extensionOf(message);
        return folder.resolve(name);
    }

    /** The file on disk if it is there already (no I/O beyond a stat). */
    public boolean isCached(MessageView message) {
        return Files.isRegularFile(fileOf(message));
    }

    /** The message's file on disk, downloading it first if needed. */
    public CompletableFuture<Path> fetch(MessageView message) {
        Path target = fileOf(message);
        return inFlight.computeIfAbsent(message.id(), id -> CompletableFuture.supplyAsync(() -> {
            try {
                if (!Files.isRegularFile(target)) {
                    api.downloadMedia(message.id(), target);
                }
                return target;
            } catch (ApiException e) {
                throw new CompletionException(e);
            } finally {
                inFlight.remove(id);
            }
        }, downloads));
    }

    /**
     * Takes {@code file} (this app's copy of a file it just sent) as the file of the server's
     * {@code message}, so the sent photo shows without downloading it back. Moves it; deletes it when
     * the message's file is already here.
     */
    public void adopt(MessageView message, Path file) {
        Path target = fileOf(message);
        try {
            if (Files.isRegularFile(target)) {
                Files.deleteIfExists(file);
            } else {
                Files.createDirectories(target.getParent());
                Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // only a shortcut: the file is downloaded when it is shown
            log.debug("Could not keep {} as the file of message {}", file, message.id(), e);
        }
    }

    static String extensionOf(MessageView message) {
        if (!(message.content() instanceof MessageContent.Media media) || media.mimeType() == null) {
            return "";
        }
        String type = media.mimeType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "image/jpeg", "image/jpg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/webp" -> ".webp";
            case "image/gif" -> ".gif";
            case "audio/ogg", "audio/ogg; codecs=opus" -> ".ogg";
            case "audio/mpeg" -> ".mp3";
            case "audio/mp4", "audio/aac" -> ".m4a";
            case "video/mp4" -> ".mp4";
            case "application/pdf" -> ".pdf";
            default -> "";
        };
    }

    @Override
    public void close() {
        downloads.shutdownNow();
    }
}
