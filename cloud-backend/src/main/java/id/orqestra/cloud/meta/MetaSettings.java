package id.orqestra.cloud.meta;

import id.orqestra.model.inbox.Platform;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/**
 * How this backend talks to Meta: the app secrets that sign webhooks (the WhatsApp app and the
 * Instagram-login app can differ), the verify token of the subscription handshake, and the Graph API
 * address and version.
 */
@Singleton
public class MetaSettings {

    private final String whatsAppAppSecret;
    private final String instagramAppSecret;
    private final String verifyToken;
    private final String graphBaseUrl;
    private final String graphVersion;

    public MetaSettings(@Value("${orqestra.meta.whatsapp.app-secret:}") String whatsAppAppSecret,
                        @Value("${orqestra.meta.instagram.app-secret:}") String instagramAppSecret,
                        @Value("${orqestra.meta.verify-token:}") String verifyToken,
                        @Value("${orqestra.meta.graph-base-url:https://graph.facebook.com}") String graphBaseUrl,
                        @Value("${orqestra.meta.graph-version:v23.0}") String graphVersion) {
        this.whatsAppAppSecret = whatsAppAppSecret;
        this.instagramAppSecret = instagramAppSecret;
        this.verifyToken = verifyToken;
        this.graphBaseUrl = graphBaseUrl.endsWith("/") ? graphBaseUrl.substring(0, graphBaseUrl.length() - 1) : graphBaseUrl;
        this.graphVersion = graphVersion;
    }

    /** The app secret for webhooks of this platform, or null when none is configured. */
    public byte[] appSecret(Platform platform) {
        String secret = platform == Platform.WHATSAPP ? whatsAppAppSecret : instagramAppSecret;
        return secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    public String appSecretSetting(Platform platform) {
        return platform == Platform.WHATSAPP
                ? "orqestra.meta.whatsapp.app-secret (ORQESTRA_META_WHATSAPP_APP_SECRET)"
                : "orqestra.meta.instagram.app-secret (ORQESTRA_META_INSTAGRAM_APP_SECRET)";
    }

    public String verifyToken() {
        return verifyToken == null || verifyToken.isBlank() ? null : verifyToken;
    }

    public String graphBaseUrl() {
        return graphBaseUrl;
    }

    public String graphVersion() {
        return graphVersion;
    }

    /** {@code https://graph.facebook.com/v23.0/<path>}. */
    public String graphUrl(String path) {
        return graphBaseUrl + "/" + graphVersion + "/" + (path.startsWith("/") ? path.substring(1) : path);
    }
}
