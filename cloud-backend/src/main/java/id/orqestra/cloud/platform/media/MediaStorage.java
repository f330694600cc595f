package id.orqestra.cloud.platform.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Where message files live once copied from Meta: local disk by default, a bucket in larger setups. */
public interface MediaStorage {

    /** Stores the bytes under {@code key}, replacing what was there. */
    void put(String key, byte[] bytes, String contentType) throws IOException;

    /** The stored bytes, or empty when nothing is stored under the key. */
    Optional<InputStream> open(String key) throws IOException;

    boolean exists(String key) throws IOException;

    void delete(String key) throws IOException;
}
