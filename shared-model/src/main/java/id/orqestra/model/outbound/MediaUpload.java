package id.orqestra.model.outbound;

/**
 * The answer to {@code POST /api/v1/media} (the file's bytes as the body, its type as
 * {@code Content-Type}, {@code ?filename=} optional): the id to send it with as
 * {@code media.uploadId} or {@code template.headerMedia.uploadId}.
 */
public record MediaUpload(String uploadId, String mimeType, long size, String filename) {
}
