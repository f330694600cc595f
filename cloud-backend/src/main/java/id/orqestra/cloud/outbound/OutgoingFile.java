package id.orqestra.cloud.outbound;

import id.orqestra.cloud.platform.web.ApiException;
import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.inbox.MessageContent.MediaKind;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A file to send, checked against what WhatsApp accepts for its kind: an uploaded file (sent to Meta's
 * media endpoint first) or a public https link Meta fetches itself.
 */
public record OutgoingFile(MediaKind kind, String link, MediaUploads.Upload upload, String caption, String filename) {

    /** WhatsApp's accepted types and size limits per kind. */
    private record Limits(Set<String> mimeTypes, long maxBytes) {
    }

    private static final Map<MediaKind, Limits> WHATSAPP = Map.of(
            MediaKind.IMAGE, new Limits(Set.of("image/jpeg", "image/png"), 5L * 1024 * 1024),
            MediaKind.AUDIO, new Limits(Set.of("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"),
                    16L * 1024 * 1024),
            MediaKind.VIDEO, new Limits(Set.of("video/mp4", "video/3gpp"), 16L * 1024 * 1024),
            MediaKind.DOCUMENT, new Limits(Set.of("text/plain", "text/csv", "application/pdf", "application/msword",
                    "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation"), 100L * 1024 * 1024),
            MediaKind.STICKER, new Limits(Set.of("image/webp"), 500L * 1024));

    /** Every type some kind accepts: what an upload may be. */
    public static boolean acceptedType(String mimeType) {
        return WHATSAPP.values().stream().anyMatch(l -> l.mimeTypes().contains(mimeType));
    }

    public static final long MAX_UPLOAD_BYTES = 100L * 1024 * 1024;

    /** Reads and checks the request's file; {@code uploads} finds an upload of the caller's organization. */
    public static OutgoingFile of(InboxRequests.OutgoingMedia media, Function<String, Optional<MediaUploads.Upload>> uploads) {
        MediaKind kind = kind(media.kind());
        boolean hasUpload = media.uploadId() != null && !media.uploadId().isBlank();
        boolean hasLink = media.link() != null && !media.link().isBlank();
        if (hasUpload == hasLink) {
            throw unprocessable("Give the file either as an uploadId (from POST /api/v1/media) or as a public https link, "
                    + "not both and not neither.");
        }
        String caption = blankToNull(media.caption());
        if (caption != null && (kind == MediaKind.AUDIO || kind == MediaKind.STICKER)) {
            throw unprocessable("WhatsApp shows no caption with " + kind.name().toLowerCase(Locale.ROOT)
                    + "; send the text as its own message.");
        }
        if (caption != null && caption.length() > 1024) {
            throw unprocessable("A caption can be at most 1,024 characters; this one has " + caption.length() + ".");
        }
        String filename = blankToNull(media.filename());
        if (filename != null && kind != MediaKind.DOCUMENT) {
            filename = null; // only documents carry a file name on WhatsApp
        }
        if (hasLink) {
            return new OutgoingFile(kind, link(media.link()), null, caption, filename);
        }
        MediaUploads.Upload upload = uploads.apply(media.uploadId().strip())
                .orElseThrow(() -> unprocessable("There is no uploaded file " + media.uploadId().strip()
                        + "; upload it again with POST /api/v1/media."));
        Limits limits = WHATSAPP.get(kind);
        if (!limits.mimeTypes().contains(upload.mimeType())) {
            throw unprocessable("WhatsApp does not send " + upload.mimeType() + " as "
                    + article(kind) + "; it accepts " + String.join(", ", limits.mimeTypes().stream().sorted().toList()) + ".");
        }
        if (upload.size() > limits.maxBytes()) {
            throw unprocessable("WhatsApp sends " + kind.name().toLowerCase(Locale.ROOT) + " files up to "
                    + human(limits.maxBytes()) + "; this one is " + human(upload.size()) + ".");
        }
        if (kind == MediaKind.DOCUMENT && filename == null) {
            filename = upload.filename();
        }
        return new OutgoingFile(kind, null, upload, caption, filename);
    }

    public String mimeType() {
        return upload != null ? upload.mimeType() : null;
    }

    public String graphType() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static MediaKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            throw unprocessable("Say what kind of file this is: image, audio, video, document or sticker.");
        }
        try {
            MediaKind parsed = MediaKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
            if (parsed == MediaKind.VOICE) {
                return MediaKind.AUDIO;
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw unprocessable("A file is an image, audio, video, document or sticker; '" + kind.strip() + "' is not one.");
        }
    }

    static String link(String link) {
        String trimmed = link.strip();
        try {
            URI uri = URI.create(trimmed);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw unprocessable("Meta fetches files from public https links only; '" + abbreviate(trimmed) + "' is not one.");
        }
        if (trimmed.length() > 2000) {
            throw unprocessable("The link is longer than 2,000 characters.");
        }
        return trimmed;
    }

    private static String article(MediaKind kind) {
        return switch (kind) {
            case IMAGE -> "an image";
            case AUDIO -> "audio";
            case VIDEO -> "a video";
            case DOCUMENT -> "a document";
            case STICKER -> "a sticker";
            case VOICE -> "a voice message";
        };
    }

    private static String human(long bytes) {
        return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MB" : (bytes / 1024) + " KB";
    }

    static ApiException unprocessable(String sentence) {
        return new ApiException(io.micronaut.http.HttpStatus.UNPROCESSABLE_ENTITY, "Cannot send this", sentence);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 59) + "…";
    }
}
