package id.orqestra.cloud.demo;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/** {@code orqestra.demo.*}: set by {@code ./orqestra server --demo [--no-replay] [--fixtures DIR]}. */
@ConfigurationProperties("orqestra.demo")
public class DemoSettings {

    public static final String ORGANIZATION_SLUG = "demo";
    public static final String OWNER_EMAIL = "owner@demo.orqestra.test";
    public static final String AGENT_EMAIL = "agent@demo.orqestra.test";
    public static final String PASSWORD = "orqestra-demo";
    /** The Graph API token the demo channels carry; only the simulator accepts it. */
    public static final String ACCESS_TOKEN = "demo-access-token";

    private boolean replay = true;
    private List<String> fixtureDirs = List.of();
    private Duration replayInterval = Duration.ofMillis(40);
    private String organizationName = "Kopi Senja (demo)";

    public boolean isReplay() {
        return replay;
    }

    public void setReplay(boolean replay) {
        this.replay = replay;
    }

    public List<String> getFixtureDirs() {
        return fixtureDirs;
    }

    public void setFixtureDirs(List<String> fixtureDirs) {
        this.fixtureDirs = fixtureDirs == null ? List.of() : List.copyOf(fixtureDirs);
    }

    public Duration getReplayInterval() {
        return replayInterval;
    }

    public void setReplayInterval(Duration replayInterval) {
        this.replayInterval = replayInterval;
    }

    public String getOrganizationName() {
        return organizationName;
    }

    public void setOrganizationName(String organizationName) {
        this.organizationName = organizationName;
    }
}
