package id.orqestra.cloud.demo;

import id.orqestra.cloud.meta.MetaSettings;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * In the demo environment the Graph API is the Meta simulator: both Graph hosts (WhatsApp's and
 * Instagram's) point at it, whatever the configuration says, so nothing leaves the machine.
 */
@Singleton
@Replaces(MetaSettings.class)
@Requires(env = "demo")
public class DemoMetaSettings extends MetaSettings {

    public DemoMetaSettings(@Value("${orqestra.meta.whatsapp.app-secret:}") String whatsAppAppSecret,
                            @Value("${orqestra.meta.instagram.app-secret:}") String instagramAppSecret,
                            @Value("${orqestra.meta.verify-token:}") String verifyToken,
                            @Value("${orqestra.meta.graph-version:v23.0}") String graphVersion,
                            DemoSimulatorHost host) {
        super(whatsAppAppSecret, instagramAppSecret, verifyToken, host.simulator().baseUri().toString(), graphVersion,
                host.simulator().baseUri().toString());
    }
}
