package id.orqestra.desktop.inbox;

import id.orqestra.model.inbox.MessageContent.MediaKind;
import id.orqestra.model.inbox.Platform;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which files can be sent, checked before anything is copied or uploaded, so that a refusal comes at
 * once and in words: WhatsApp's accepted types and sizes per kind (the same table the server checks
 * against). The type comes from the file name's extension, as the server is told it.
 */
public final class AttachmentRules {

    /** What the file goes as, or why it cannot. Exactly one of {@code kind} and {@code refusal} is set. */
    public record Verdict(MediaKind kind, String mimeType, String refusal) {
        public boolean accepted() {
            return refusal == null;
        }

        static Verdict refused(String sentence) {
            return new Verdict(null, null, sentence);
        }
    }

    private record Type(String mimeType, MediaKind kind) {
    }

    static final long MB = 1024L * 1024;
    private static final Map<String, Type> BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", new Type("image/jpeg", MediaKind.IMAGE)),
            Map.entry("jpeg", new Type("image/jpeg", MediaKind.IMAGE)),
            Map.entry("png", new Type("image/png", MediaKind.IMAGE)),
            Map.entry("webp", new Type("image/webp", MediaKind.STICKER)),
            Map.entry("mp4", new Type("video/mp4", MediaKind.VIDEO)),
            Map.entry("3gp", new Type("video/3gpp", MediaKind.VIDEO)),
            Map.entry("mp3", new Type("audio/mpeg", MediaKind.AUDIO)),
            Map.entry("m4a", new Type("audio/mp4", MediaKind.AUDIO)),
            Map.entry("aac", new Type("audio/aac", MediaKind.AUDIO)),
            Map.entry("amr", new Type("audio/amr", MediaKind.AUDIO)),
            Map.entry("ogg", new Type("audio/ogg", MediaKind.AUDIO)),
            Map.entry("opus", new Type("audio/ogg", MediaKind.AUDIO)),
            Map.entry("pdf", new Type("application/pdf", MediaKind.DOCUMENT)),
            Map.entry("txt", new Type("text/plain", MediaKind.DOCUMENT)),
            Map.entry("csv", new Type("text/csv", MediaKind.DOCUMENT)),
            Map.entry("doc", new Type("application/msword", MediaKind.DOCUMENT)),
            Map.entry("xls", new Type("application/vnd.ms-excel", MediaKind.DOCUMENT)),
            Map.entry("ppt", new Type("application/vnd.ms-powerpoint", MediaKind.DOCUMENT)),
            Map.entry("docx", new Type("application/vnd.openxmlformats-officedocument.wordprocessingml.document", MediaKind.DOCUMENT)),
            Map.entry("xlsx", new Type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MediaKind.DOCUMENT)),
            Map.entry("pptx", new Type("application/vnd.openxmlformats-officedocument.presentationml.presentation", MediaKind.DOCUMENT)));
    private static final Map<MediaKind, Long> MAX_BYTES = Map.of(
            MediaKind.IMAGE, 5 * MB, MediaKind.VIDEO, 16 * MB, MediaKind.AUDIO, 16 * MB,
            MediaKind.DOCUMENT, 100 * MB, MediaKind.STICKER, 500 * 1024L);
    /** What the backend takes in one upload (micronaut.server.max-request-size): below WhatsApp's 100 MB for documents. */
    static final long SERVER_MAX_BYTES = 32 * MB;
    /** The extensions a file chooser offers. */
    public static final List<String> EXTENSIONS = BY_EXTENSION.keySet().stream().sorted().toList();
    static final String WHAT_GOES = "Send a JPEG or PNG picture, an MP4 video, MP3, M4A, AAC or OGG audio, a WebP sticker, "
            + "or a PDF, text or Office document.";

    private AttachmentRules() {
    }

    /** Whether {@code fileName} of {@code size} bytes can be sent on {@code platform}. */
    public static Verdict check(Platform platform, String fileName, long size) {
        if (platform == Platform.INSTAGRAM) {
            return Verdict.refused("Instagram takes attachments only from public web links, so a file from this computer "
                    + "cannot be sent here. Share a link in a message instead.");
        }
        Type type = typeOf(fileName);
        if (type == null) {
            String extension = extension(fileName);
            return Verdict.refused("WhatsApp cannot send " + (extension.isEmpty() ? "this kind of file" : "." + extension
                    + " files") + ". " + WHAT_GOES);
        }
        return checkSize(type, fileName, size);
    }

    /**
     * Whether {@code fileName} fits the media header of a template, whose format is IMAGE, VIDEO or
     * DOCUMENT.
     */
    public static Verdict checkHeader(String headerFormat, String fileName, long size) {
        Type type = typeOf(fileName);
        String wanted = headerFormat == null ? "" : headerFormat.toUpperCase(Locale.ROOT);
        if (type == null || !type.kind().name().equals(wanted)) {
            return Verdict.refused(switch (wanted) {
                case "IMAGE" -> "This template starts with a picture: choose a JPEG or PNG file.";
                case "VIDEO" -> "This template starts with a video: choose an MP4 file.";
                case "DOCUMENT" -> "This template starts with a document: choose a PDF, text or Office file.";
                default -> "This template has no picture, video or document to add.";
            });
        }
        return checkSize(type, fileName, size);
    }

    private static Verdict checkSize(Type type, String fileName, long size) {
        long limit = MAX_BYTES.get(type.kind());
        if (size <= 0) {
            return Verdict.refused(fileName + " is empty.");
        }
        if (size > limit) {
            return Verdict.refused("WhatsApp sends " + noun(type.kind()) + " up to " + InboxFormat.fileSize(limit) + "; "
                    + fileName + " is " + InboxFormat.fileSize(size) + ".");
        }
        if (size > SERVER_MAX_BYTES) {
            return Verdict.refused("Orqestra sends files up to " + InboxFormat.fileSize(SERVER_MAX_BYTES) + "; " + fileName
                    + " is " + InboxFormat.fileSize(size) + ". Share a link to it instead.");
        }
        return new Verdict(type.kind(), type.mimeType(), null);
    }

    private static Type typeOf(String fileName) {
        return BY_EXTENSION.get(extension(fileName));
    }

    private static String extension(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String noun(MediaKind kind) {
        return switch (kind) {
            case IMAGE -> "pictures";
            case VIDEO -> "videos";
            case AUDIO, VOICE -> "audio";
            case DOCUMENT -> "documents";
            case STICKER -> "stickers";
        };
    }
}
