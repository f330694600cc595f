package id.orqestra.cloud.outbound;

import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.platform.media.MediaStorage;
import id.orqestra.cloud.platform.web.ApiException;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.model.outbound.MediaUpload;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Files agents upload to send. They are kept in our media storage; WhatsApp gets its copy through its
 * media endpoint when the message goes out, and the desktop shows the sent file from our copy.
 */
@Singleton
public class MediaUploads {

    /** An uploaded file of one organization. */
    public record Upload(UUID id, String storageKey, String mimeType, String filename, long size) {
    }

    private final Tx tx;
    private final MediaStorage storage;

    public MediaUploads(Tx tx, MediaStorage storage) {
        this.tx = tx;
        this.storage = storage;
    }

    public MediaUpload store(Principal.Member me, byte[] bytes, String contentType, String filename) {
        String mimeType = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (bytes == null || bytes.length == 0) {
            throw ApiException.badRequest("Send the file's bytes as the request body.");
        }
        if (!OutgoingFile.acceptedType(mimeType)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported file type",
                    "WhatsApp cannot send files of type '" + mimeType + "'. Send a JPEG or PNG picture, an MP4 video, "
                            + "AAC/MP3/OGG audio, a WebP sticker, or a PDF, text or Office document, with its type as "
                            + "Content-Type.");
        }
        if (bytes.length > OutgoingFile.MAX_UPLOAD_BYTES) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "File too large",
                    "Files can be at most 100 MB (WhatsApp's limit for documents).");
        }
        String name = filename == null || filename.isBlank() ? null : cleanName(filename);
        UUID id = UUID.randomUUID();
        String key = "uploads/" + me.orgId() + "/" + id;
        try {
            storage.put(key, bytes, mimeType);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the upload", e);
        }
        tx.inOrg(me.orgId(), h -> h.createUpdate("""
                        INSERT INTO outbound_uploads (id, org_id, storage_key, mime_type, filename, size_bytes, uploaded_by)
                        VALUES (:id, :org, :key, :mime, :name, :size, :user)
                        """)
                .bind("id", id).bind("org", me.orgId()).bind("key", key).bind("mime", mimeType).bind("name", name)
                .bind("size", (long) bytes.length).bind("user", me.userId())
                .execute());
        return new MediaUpload(id.toString(), mimeType, bytes.length, name);
    }

    /** An upload of this organization (inside its transaction), if the id names one. */
    public Optional<Upload> find(Handle h, long orgId, String uploadId) {
        UUID id;
        try {
            id = UUID.fromString(uploadId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return h.createQuery("SELECT id, storage_key, mime_type, filename, size_bytes FROM outbound_uploads "
                        + "WHERE id = :id AND org_id = :org")
                .bind("id", id).bind("org", orgId)
                .map((rs, ctx) -> new Upload(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5)))
                .findOne();
    }

    public byte[] bytes(String storageKey) throws IOException {
        try (InputStream in = storage.open(storageKey)
                .orElseThrow(() -> new IOException("The uploaded file is missing from storage (" + storageKey + ")"))) {
            return in.readAllBytes();
        }
    }

    private static String cleanName(String filename) {
        String base = filename.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "_").strip();
        return base.length() > 240 ? base.substring(base.length() - 240) : base;
    }
}
