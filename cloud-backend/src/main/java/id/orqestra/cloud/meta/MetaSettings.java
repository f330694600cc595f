package id.orqestra.cloud.meta;

import id.orqestra.model.inbox.Platform;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/**
 * How this backend talks to Meta: the app secrets that sign webhooks (the WhatsApp app and the
 * Instagram-login app can differ), the verify token of the subscription handshake, and the Graph API
 * addresses and version. WhatsApp (and the Facebook-login Graph API) lives at graph.facebook.com;
 * the Instagram API with Instagram Login, which Orqestra uses for Instagram, at graph.instagram.com.
 */
@Singleton
public class MetaSettings {

    private final String whatsAppAppSecret;
    private final String instagramAppSecret;
    private final String verifyToken;
    private final String graphBaseUrl;
    private final String graphVersion;
    private final String instagramGraphBaseUrl;

    public MetaSettings(@Value("${orqestra.meta.whatsapp.app-secret:}") String whatsAppAppSecret,
                        @Value("${orqestra.meta.instagram.app-secret:}") String instagramAppSecret,
                        @Value("${orqestra.meta.verify-token:}") String verifyToken,
                        @Value("${orqestra.meta.graph-base-url:https://graph.facebook.com}") String graphBaseUrl,
                        @Value("${orqestra.meta.graph-version:v23.0}") String graphVersion,
                        @Value("${orqestra.meta.instagram-graph-base-url:https://graph.instagram.com}") String instagramGraphBaseUrl) {
        this.whatsAppAppSecret = whatsAppAppSecret;
        this.instagramAppSecret = instagramAppSecret;
        this.verifyToken = verifyToken;
        this.graphBaseUrl = withoutTrailingSlash(graphBaseUrl);
        this.graphVersion = graphVersion;
        this.instagramGraphBaseUrl = withoutTrailingSlash(instagramGraphBaseUrl);
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
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

    public String instagramGraphBaseUrl() {
        return instagramGraphBaseUrl;
    }

    /** {@code https://graph.instagram.com/v23.0/<path>}: the Instagram API with Instagram Login. */
    public String instagramGraphUrl(String path) {
        return instagramGraphBaseUrl + "/" + graphVersion + "/" + (path.startsWith("/") ? path.substring(1) : path);
    }
}
