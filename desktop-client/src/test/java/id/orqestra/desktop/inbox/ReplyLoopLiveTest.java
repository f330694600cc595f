package id.orqestra.desktop.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.demo.simulator.MetaSimulator;
import id.orqestra.desktop.app.BackgroundExecutor;
import id.orqestra.desktop.sync.LinkState;
import id.orqestra.desktop.testing.DemoBackend;
import id.orqestra.model.auth.Session;
import id.orqestra.model.outbound.TemplateList;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole reply loop under TestFX, against the real backend in the demo environment with its Meta
 * simulator in this JVM: a sample message appears in the inbox, the agent answers from the composer,
 * the simulator receives the send, its status webhooks come back, and the bubble shows read. Outside
 * the 24-hour window the composer offers the template picker, and the template reaches the simulator
 * with the values typed in. A photo goes up once and out as an image with its caption.
 */
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplyLoopLiveTest {

    /** The customer of the project's sample {@code whatsapp/wa-text.json}. */
    static final String SAMPLE_CUSTOMER = "Rina Kusuma";
    static final String SAMPLE_WA_ID = "6281311220401";
    static final String SAMPLE_TEXT = "Kalau beli 2 bisa dikirim hari ini ke Bandung? 🙏";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    static DemoBackend backend;
    static Path desktopDirectory;

    ExecutorService background;
    InboxScreen screen;
    Session owner;

    @BeforeAll
    static void startBackend() throws Exception {
        backend = DemoBackend.start(Map.of());
        desktopDirectory = Files.createTempDirectory("orqestra-reply-loop-");
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @Start
    void start(Stage stage) {
        background = BackgroundExecutor.create("reply-loop-test");
        owner = backend.signInAsOwner();
        screen = LiveInboxWindow.show(stage, backend, owner, desktopDirectory, background);
    }

    @AfterEach
    void closeInbox() throws Exception {
        screen.close();
        background.shutdown();
        background.awaitTermination(3, TimeUnit.SECONDS);
    }

    @Test
    @Order(1)
    void aSampleMessageIsAnsweredFromTheComposerAndTheBubbleTurnsRead(FxRobot robot) {
        awaitLive();
        backend.replaySample("whatsapp/wa-text.json");
        openConversationOf(robot, SAMPLE_CUSTOMER);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(texts(robot, ".bubble-text")).contains(SAMPLE_TEXT));
        assertThat(text(robot, "#windowCountdown")).startsWith("Window closes in 23 h");

        backend.simulator().clearReceived();
        String reply = "Bisa kak, kami kirim hari ini lewat kurir instan " + UUID.randomUUID().toString().substring(0, 6);
        robot.clickOn((Node) in(robot).lookup("#composer").query()).write(reply).type(KeyCode.ENTER);

        // the simulator got exactly this reply, once, addressed to the customer
        await().atMost(PATIENCE).until(() -> acceptedTexts(reply).size() == 1);
        MetaSimulator.AcceptedMessage sent = acceptedTexts(reply).getFirst();
        assertThat(sent.to()).isEqualTo(SAMPLE_WA_ID);
        assertThat(sent.body().path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(sent.body().path("type").asText()).isEqualTo("text");
        // its status webhooks (sent, delivered, read) come back and the bubble turns read
        await().atMost(PATIENCE).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(bubbleWith(robot, reply)).hasValueSatisfying(bubble ->
                    assertThat(bubble.lookup(".tick-read")).as("read ticks on the reply").isNotNull());
        });
        assertThat(serverStatusOf(reply)).isEqualTo("READ");
        assertThat(acceptedTexts(reply)).hasSize(1);
    }

    @Test
    @Order(2)
    void outsideTheWindowTheComposerOffersTemplatesAndTheTemplateReachesTheSimulator(FxRobot robot) {
        awaitLive();
        String customer = "Yusuf Hamdani";
        long wroteAt = Instant.now().minus(Duration.ofHours(26)).getEpochSecond();
        assertThat(backend.postWhatsApp(DemoBackend.inboundText("6281377009988", customer, "wamid.OLD-" + UUID.randomUUID(),
                "Kak, pesanan saya sudah dikirim?", wroteAt))).isEqualTo(200);
        openConversationOf(robot, customer);

        await().atMost(PATIENCE).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(text(robot, "#windowCountdown")).isEqualTo("Window closed");
            assertThat(text(robot, "#composerLock")).isEqualTo(MessagingWindow.WHATSAPP_CLOSED);
        });
        assertThat(in(robot).lookup("#composer").queryAs(TextArea.class).isDisabled()).isTrue();

        // free text sent anyway (as a reply written offline before the window closed would be) is refused by the
        // server with the same sentence, and the refusal is recognised as the window's
        long conversationId = screen.model().conversation().conversationProperty().get().id();
        screen.session().engine().sendReply(conversationId, "Sudah kak, hari ini", null);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(screen.session().store().outbox(conversationId))
                .singleElement().satisfies(refused -> {
                    assertThat(refused.state()).isEqualTo(id.orqestra.desktop.store.OutboxEntry.State.FAILED);
                    assertThat(refused.refusalTitle()).isEqualTo(ConversationViewModel.WINDOW_REFUSAL_TITLE);
                    assertThat(refused.lastError()).isEqualTo(MessagingWindow.WHATSAPP_CLOSED);
                }));
        await().atMost(PATIENCE).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(texts(robot, ".bubble-failure")).contains("Not sent: " + MessagingWindow.WHATSAPP_CLOSED);
        });
        awaitTemplatesSynced();

        robot.clickOn((Node) in(robot).lookup("#chooseTemplateButton").query());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(templateNames(robot)).contains("order_update"));
        robot.clickOn((Node) in(robot).lookup("#templateSearch").query()).write("perjalanan");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(templateNames(robot)).containsExactly("order_update"));
        // the list keeps spare cells out of sight: the visible one is the one to click
        robot.clickOn(in(robot).lookup("#templateList .template-name").queryAll().stream()
                .filter(node -> node.isVisible() && "order_update".equals(((Label) node).getText())).findFirst().orElseThrow());
        await().atMost(PATIENCE).until(() -> in(robot).lookup("#templateField-header-1").tryQuery().isPresent());
        robot.clickOn((Node) in(robot).lookup("#sendTemplateButton").query());
        assertThat(text(robot, "#templateSendProblem")).isEqualTo("Header {{1}}: Fill this in.");

        robot.clickOn((Node) in(robot).lookup("#templateField-header-1").query()).write("KS-2041");
        robot.clickOn((Node) in(robot).lookup("#templateField-body-1").query()).write("JNE");
        robot.clickOn((Node) in(robot).lookup("#templateField-body-2").query()).write("besok sore");
        robot.clickOn((Node) in(robot).lookup("#templateField-button-0").query()).write("KS-2041");
        assertThat(in(robot).lookup("#templatePreview .bubble-text").queryAs(Label.class).getText())
                .isEqualTo("Pesanan KS-2041\nPesanan kamu sedang dalam perjalanan bersama JNE. Perkiraan tiba besok sore.");
        backend.simulator().clearReceived();
        robot.clickOn((Node) in(robot).lookup("#sendTemplateButton").query());

        await().atMost(PATIENCE).until(() -> acceptedTemplates("order_update").size() == 1);
        JsonNode template = acceptedTemplates("order_update").getFirst().body().path("template");
        assertThat(template.path("language").path("code").asText()).isEqualTo("id");
        JsonNode components = template.path("components");
        assertThat(components.get(0).path("type").asText()).isEqualTo("header");
        assertThat(components.get(0).path("parameters").get(0).path("text").asText()).isEqualTo("KS-2041");
        assertThat(components.get(1).path("type").asText()).isEqualTo("body");
        assertThat(components.get(1).path("parameters").findValuesAsText("text")).containsExactly("JNE", "besok sore");
        assertThat(components.get(2).path("sub_type").asText()).isEqualTo("url");
        assertThat(components.get(2).path("parameters").get(0).path("text").asText()).isEqualTo("KS-2041");
        // the picker closed, and the conversation shows the template as the customer reads it
        await().atMost(PATIENCE).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(in(robot).lookup("#templatePicker").tryQuery()).isEmpty();
            assertThat(texts(robot, ".bubble-text")).contains(
                    "Pesanan KS-2041\nPesanan kamu sedang dalam perjalanan bersama JNE. Perkiraan tiba besok sore.");
        });
    }

    @Test
    @Order(3)
    void aPhotoGoesUpOnceAndOutAsAnImageWithItsCaption(FxRobot robot) throws Exception {
        awaitLive();
        backend.replaySample("whatsapp/wa-text.json"); // the conversation exists whatever ran before (a repeat is stored once)
        openConversationOf(robot, SAMPLE_CUSTOMER);
        Path photo = Files.createTempFile("label-paket-", ".png");
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(image, "png", photo.toFile());
        backend.simulator().clearReceived();
        int uploadsBefore = serverUploads();

        // the file chooser is the system's own dialog: the test hands the file to the same call it makes
        robot.interact(() -> screen.model().conversation().attach(photo));
        await().atMost(PATIENCE).until(() -> in(robot).lookup("#stagedFile").tryQuery().map(Node::isVisible).orElse(false));
        String caption = "Ini label paketnya kak " + UUID.randomUUID().toString().substring(0, 6);
        robot.clickOn((Node) in(robot).lookup("#composer").query()).write(caption);
        robot.clickOn((Node) in(robot).lookup("#sendButton").query());

        await().atMost(PATIENCE).until(() -> backend.simulator().accepted().stream()
                .anyMatch(m -> caption.equals(m.body().path("image").path("caption").asText())));
        MetaSimulator.AcceptedMessage sent = backend.simulator().accepted().stream()
                .filter(m -> caption.equals(m.body().path("image").path("caption").asText())).findFirst().orElseThrow();
        assertThat(sent.body().path("image").path("id").asText()).as("sent by WhatsApp media id").isNotBlank();
        assertThat(backend.simulator().received("POST", "/media")).hasSize(1);
        assertThat(serverUploads()).isEqualTo(uploadsBefore + 1);
        await().atMost(PATIENCE).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(bubbleWith(robot, caption)).hasValueSatisfying(bubble ->
                    assertThat(bubble.lookup(".tick-pending")).as("no longer waiting in the outbox").isNull());
        });
        // its row moved to the top of the list meanwhile; the open conversation stayed the same
        assertThat(text(robot, "#conversationTitle")).isEqualTo(SAMPLE_CUSTOMER);
        assertThat(screen.session().store().pendingOutbox()).isEmpty();
    }

    @Test
    @Order(4)
    void inANarrowWindowTheContactPanelOpensOverTheConversationAndLeavesItsLayoutAlone(FxRobot robot) {
        awaitLive();
        String customer = "Wulan Sari";
        long wroteAt = Instant.now().minus(Duration.ofHours(30)).getEpochSecond();
        backend.postWhatsApp(DemoBackend.inboundText("6281377004411", customer, "wamid.NARROW-1", "Kak, paket saya?", wroteAt));
        Stage stage = (Stage) screen.root().getScene().getWindow();
        robot.interact(() -> {
            stage.setWidth(1000);
            stage.setHeight(700);
        });
        openConversationOf(robot, customer);
        await().atMost(PATIENCE).until(() -> visible(robot, "#composerLock"));
        assertThat(visible(robot, "#contactDock")).as("the panel steps aside in a narrow window").isFalse();

        // pressed rather than clicked: the desktop notification of the new conversation covers the window's top right
        // corner for a few seconds
        press(robot, "#contactPanelToggle");
        assertThat(visible(robot, "#contactDock")).isTrue();
        assertThat(text(robot, "#contactName")).isEqualTo(customer);
        // the conversation keeps its room: the banner reads in lines, and the header with the toggle stays in the window
        assertThat(in(robot).lookup("#composerLock").queryAs(Label.class).getHeight()).isLessThan(80);
        Bounds toggle = in(robot).lookup("#contactPanelToggle").query().localToScene(
                in(robot).lookup("#contactPanelToggle").query().getLayoutBounds());
        assertThat(toggle.getMinY()).isBetween(0.0, 120.0);
        assertThat(toggle.getMaxX()).isLessThanOrEqualTo(stage.getScene().getWidth());

        // the drawer closes by its own button, and the toggle opens it again
        press(robot, "#contactPanelClose");
        assertThat(visible(robot, "#contactDock")).isFalse();
        press(robot, "#contactPanelToggle");
        assertThat(visible(robot, "#contactDock")).isTrue();
        assertThat(visible(robot, "#contactPanelClose")).isTrue();

        // wide again: the panel sits beside the conversation, with no close button of its own
        robot.interact(() -> stage.setWidth(1200));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visible(robot, "#contactDock")).isTrue();
        assertThat(visible(robot, "#contactPanelClose")).isFalse();
    }

    // ---- helpers

    /** Looks only inside this test's inbox: the windows of earlier tests in the class may still be around. */
    private org.testfx.service.query.NodeQuery in(FxRobot robot) {
        return robot.from(screen.root());
    }

    private void awaitLive() {
        await().atMost(PATIENCE).until(() -> screen.model() != null && screen.linkStateProperty().get() == LinkState.ONLINE);
    }

    private void openConversationOf(FxRobot robot, String customer) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(texts(robot, ".conversation-name")).contains(customer);
        });
        // the row in the list, not a desktop notification naming the same customer; clicked again if the list
        // moved under the pointer while new rows arrived
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Node row = in(robot).lookup("#conversationList .conversation-name").queryAll().stream()
                    .filter(node -> customer.equals(((Label) node).getText())).findFirst().orElseThrow();
            robot.clickOn(row);
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
            assertThat(text(robot, "#conversationTitle")).isEqualTo(customer);
        });
    }

    private void awaitTemplatesSynced() {
        long channelId = screen.model().conversation().conversationProperty().get().channelId();
        await().atMost(PATIENCE).until(() -> !backend.client(backend.url(), owner)
                .get("templates?channelId=" + channelId, TemplateList.class).templates().isEmpty());
    }

    private List<String> texts(FxRobot robot, String selector) {
        return in(robot).lookup(selector).queryAll().stream().filter(Node::isVisible)
                .map(node -> ((Label) node).getText()).toList();
    }

    private void press(FxRobot robot, String selector) {
        robot.interact(() -> ((javafx.scene.control.ButtonBase) in(robot).lookup(selector).query()).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** True when the node and every node around it are visible. */
    private boolean visible(FxRobot robot, String selector) {
        return in(robot).lookup(selector).tryQuery().map(node -> {
            for (Node at = node; at != null; at = at.getParent()) {
                if (!at.isVisible()) {
                    return false;
                }
            }
            return true;
        }).orElse(false);
    }

    private String text(FxRobot robot, String selector) {
        return in(robot).lookup(selector).tryQuery().map(node -> ((Label) node).getText()).orElse("");
    }

    @SuppressWarnings("unchecked")
    private List<String> templateNames(FxRobot robot) {
        ListView<id.orqestra.model.outbound.TemplateView> list = in(robot).lookup("#templateList").queryAs(ListView.class);
        return list.getItems().stream().map(id.orqestra.model.outbound.TemplateView::name).toList();
    }

    /** The bubble showing {@code text}. */
    private Optional<Parent> bubbleWith(FxRobot robot, String text) {
        return in(robot).lookup(".bubble").queryAll().stream()
                .filter(bubble -> bubble.lookupAll(".bubble-text").stream()
                        .anyMatch(label -> text.equals(((Label) label).getText())))
                .map(Parent.class::cast).findFirst();
    }

    private static List<MetaSimulator.AcceptedMessage> acceptedTexts(String text) {
        return backend.simulator().accepted().stream()
                .filter(m -> text.equals(m.body().path("text").path("body").asText())).toList();
    }

    private static List<MetaSimulator.AcceptedMessage> acceptedTemplates(String name) {
        return backend.simulator().accepted().stream()
                .filter(m -> name.equals(m.body().path("template").path("name").asText())).toList();
    }

    private static String serverStatusOf(String text) {
        return backend.jdbi().withHandle(h -> h.createQuery("SELECT status FROM messages WHERE preview = :text")
                .bind("text", text).mapTo(String.class).one());
    }

    private static int serverUploads() {
        return backend.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM outbound_uploads").mapTo(Integer.class).one());
    }
}
