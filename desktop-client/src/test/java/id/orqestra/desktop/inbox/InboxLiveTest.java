package id.orqestra.desktop.inbox;

import id.orqestra.desktop.app.BackgroundExecutor;
import id.orqestra.desktop.store.OutboxEntry;
import id.orqestra.desktop.sync.LinkState;
import id.orqestra.desktop.testing.DemoBackend;
import id.orqestra.model.auth.Session;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbox window against the real backend (in this JVM, demo environment): a webhook shows up with
 * no click, and a reply written while the server is down waits as pending and is stored exactly once
 * when the server is back. Headless (Monocle); the window is driven like a person would.
 */
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InboxLiveTest {

    static final String CUSTOMER = "Sari Wulandari";
    static final String WA_ID = "6281377001122";
    static DemoBackend backend;
    static Path desktopDirectory;

    ExecutorService background;
    InboxScreen screen;

    @BeforeAll
    static void startBackend() throws Exception {
        backend = DemoBackend.start(Map.of());
        desktopDirectory = Files.createTempDirectory("orqestra-inbox-live-");
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @Start
    void start(Stage stage) {
        background = BackgroundExecutor.create("inbox-live-test");
        Session owner = backend.signInAsOwner();
        screen = LiveInboxWindow.show(stage, backend, owner, desktopDirectory, background);
    }

    @AfterEach
    void closeInbox() throws Exception {
        screen.close();
        background.shutdown();
        background.awaitTermination(3, TimeUnit.SECONDS);
        backend.start(); // in case a test left it stopped
    }

    private void awaitLive() {
        await().atMost(Duration.ofSeconds(30)).until(() -> screen.model() != null
                && screen.linkStateProperty().get() == LinkState.ONLINE);
    }

    private static List<String> texts(FxRobot robot, String selector) {
        return robot.lookup(selector).queryAll().stream().filter(Node::isVisible)
                .map(node -> ((Label) node).getText()).toList();
    }

    @Test
    @Order(1)
    void aWebhookAppearsInTheOpenInboxWithoutAClick(FxRobot robot) {
        awaitLive();
        assertThat(texts(robot, ".conversation-name")).doesNotContain(CUSTOMER);

        String question = "Kopi arabika gayo masih ada stok? " + UUID.randomUUID().toString().substring(0, 8);
        assertThat(backend.postWhatsApp(DemoBackend.inboundText(WA_ID, CUSTOMER, "wamid.LIVE-" + UUID.randomUUID(),
                question, Instant.now().getEpochSecond()))).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(texts(robot, ".conversation-name")).contains(CUSTOMER);
            assertThat(texts(robot, ".conversation-preview")).anyMatch(text -> text.contains(question));
        });

        // with the conversation open, the next message lands in it, again with no click
        robot.clickOn(CUSTOMER);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(texts(robot, ".bubble-text")).contains(question));
        String followUp = "Kalau ada, saya pesan 2 bungkus " + UUID.randomUUID().toString().substring(0, 8);
        backend.postWhatsApp(DemoBackend.inboundText(WA_ID, CUSTOMER, "wamid.LIVE-" + UUID.randomUUID(), followUp,
                Instant.now().getEpochSecond()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(texts(robot, ".bubble-text")).contains(followUp);
        });
    }

    @Test
    @Order(2)
    void aReplyWrittenWhileTheServerIsDownIsStoredExactlyOnceWhenItIsBack(FxRobot robot) {
        awaitLive();
        if (!texts(robot, ".conversation-name").contains(CUSTOMER)) {
            backend.postWhatsApp(DemoBackend.inboundText(WA_ID, CUSTOMER, "wamid.LIVE-" + UUID.randomUUID(), "Halo",
                    Instant.now().getEpochSecond()));
            await().atMost(Duration.ofSeconds(15)).until(() -> texts(robot, ".conversation-name").contains(CUSTOMER));
        }
        robot.clickOn(CUSTOMER);
        WaitForAsyncUtils.waitForFxEvents();

        backend.stop();
        await().atMost(Duration.ofSeconds(15)).until(() -> screen.linkStateProperty().get() == LinkState.OFFLINE);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#offlineBanner").tryQuery()
                .map(Node::isVisible).orElse(false));

        String reply = "Ada kak, kami kirim besok pagi ya " + UUID.randomUUID().toString().substring(0, 8);
        robot.clickOn("#composer").write(reply).type(KeyCode.ENTER);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(texts(robot, ".bubble-text")).contains(reply);
            assertThat(robot.lookup(".tick-pending").queryAll()).isNotEmpty();
        });
        assertThat(robot.lookup("#composer").queryAs(TextArea.class).getText()).isEmpty();
        List<OutboxEntry> waiting = screen.session().store().pendingOutbox();
        assertThat(waiting).singleElement().extracting(OutboxEntry::text).isEqualTo(reply);
        String clientId = waiting.getFirst().clientId();

        backend.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> serverRowsWithClientId(clientId) == 1);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup(".tick-pending").queryAll()).isEmpty();
            // the server's own state now: queued, or further along once it hands replies to Meta
            assertThat(robot.lookup(".tick-queued").queryAll().size() + robot.lookup(".tick-sending").queryAll().size()
                    + robot.lookup(".tick-sent").queryAll().size() + robot.lookup(".tick-delivered").queryAll().size()
                    + robot.lookup(".tick-failed").queryAll().size()).isPositive();
            assertThat(texts(robot, ".bubble-text").stream().filter(reply::equals)).hasSize(1);
        });
        assertThat(screen.session().store().pendingOutbox()).isEmpty();
        assertThat(screen.session().store().latestMessages(screen.model().conversation().openId(), 10))
                .filteredOn(m -> clientId.equals(m.clientId())).hasSize(1);
        // still once after the engine had every chance to send it again
        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
        assertThat(serverRowsWithClientId(clientId)).isEqualTo(1);
    }

    @Test
    @Order(3)
    void searchResultsStayWithinTheListAndEndInAnEllipsis(FxRobot robot) {
        awaitLive();
        String word = "kopiliteran" + UUID.randomUUID().toString().substring(0, 6);
        String long_ = "Kak, pesanan " + word + " saya kemarin belum sampai, padahal sudah dibayar lunas lewat transfer bank "
                + "dan resinya juga sudah dikirim lewat WhatsApp kemarin sore. Bisa tolong dicek ke kurirnya ya kak?";
        backend.postWhatsApp(DemoBackend.inboundText(WA_ID, CUSTOMER, "wamid.LIVE-" + UUID.randomUUID(), long_,
                Instant.now().getEpochSecond()));
        await().atMost(Duration.ofSeconds(15)).until(() -> texts(robot, ".conversation-preview").stream()
                .anyMatch(text -> text.contains(word)));

        robot.interact(() -> screen.model().searchTextProperty().set(word));
        await().atMost(Duration.ofSeconds(10)).until(() -> screen.model().searchResults().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ListView<?> hits = robot.lookup("#searchResults").queryAs(javafx.scene.control.ListView.class);
        assertThat(hits.lookupAll(".scroll-bar").stream()
                .filter(bar -> ((javafx.scene.control.ScrollBar) bar).getOrientation() == javafx.geometry.Orientation.HORIZONTAL)
                .filter(Node::isVisible)).as("no sideways scrolling").isEmpty();
        Label excerpt = (Label) hits.lookupAll(".search-hit .conversation-preview").stream().filter(Node::isVisible)
                .filter(node -> ((Label) node).getText().contains(word)).findFirst().orElseThrow();
        assertThat(excerpt.localToScene(excerpt.getLayoutBounds()).getMaxX())
                .isLessThanOrEqualTo(hits.localToScene(hits.getLayoutBounds()).getMaxX());
    }

    private static int serverRowsWithClientId(String clientId) {
        try {
            return backend.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM messages WHERE client_id = CAST(:id AS uuid)")
                    .bind("id", clientId).mapTo(Integer.class).one());
        } catch (RuntimeException e) {
            return -1; // the server is still starting
        }
    }
}
