package id.orqestra.desktop.app;

import id.orqestra.desktop.api.ApiTransport;
import id.orqestra.desktop.auth.AuthClient;
import id.orqestra.desktop.auth.SessionVault;
import id.orqestra.desktop.testing.FakeOrqestraServer;
import id.orqestra.desktop.testing.TempFolders;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static id.orqestra.desktop.testing.SampleSessions.ORGANIZATION;
import static id.orqestra.desktop.testing.SampleSessions.USER_NAME;
import static id.orqestra.desktop.testing.SampleSessions.sessionJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the real window headlessly (Monocle) the way a person would: clicks, typing, Enter. The
 * server on the other side is a real HTTP server on the loopback interface, or a closed port.
 */
@ExtendWith(ApplicationExtension.class)
class SignInScreenTest {

    private final FakeOrqestraServer server = new FakeOrqestraServer();
    private ExecutorService background;
    private ScheduledExecutorService timer;
    private DesktopWindow window;
    private Path desktopDirectory;

    @Start
    void start(Stage stage) throws IOException {
        desktopDirectory = Files.createTempDirectory("orqestra-desktop-test");
        background = BackgroundExecutor.create("sign-in-screen-test");
        timer = BackgroundExecutor.scheduler("sign-in-screen-test-timer");
        StartupOptions options = new StartupOptions(desktopDirectory, Optional.empty());
        window = new DesktopWindow(stage, new DesktopServices(options, new SettingsStore(desktopDirectory),
                new SessionVault(desktopDirectory), new AuthClient(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                new ApiTransport(Duration.ofSeconds(2), Duration.ofSeconds(5)), background, timer,
                Platform::runLater));
        window.show();
    }

    @AfterEach
    void stop() throws Exception {
        // as when the app quits: the inbox stops syncing before its executors go away
        WaitForAsyncUtils.asyncFx(window::close).get(5, TimeUnit.SECONDS);
        server.close();
        timer.shutdownNow();
        background.shutdown();
        background.awaitTermination(2, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForAsyncFx(2_000, () -> ThemeController.applyToApplication(Theme.LIGHT));
        TempFolders.delete(desktopDirectory);
    }

    @Test
    void aServerThatIsNotRunningIsExplainedInPlainWords(FxRobot robot) throws Exception {
        String closedPort = FakeOrqestraServer.closedPortUrl();

        typeInto(robot, "#serverUrlField", closedPort);
        typeInto(robot, "#emailField", "dewi@kopisenja.test");
        typeInto(robot, "#passwordField", "Pw-7391x");
        double emailAt = sceneY(robot, "#emailField");
        robot.clickOn("#signInButton");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#signInFailure").query().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        // the card grows the form downward: the fields stay where the person was looking (give or take a field's
        // one-line hint coming or going; before, they jumped up by half the card)
        assertThat(sceneY(robot, "#emailField")).isBetween(emailAt - 1, emailAt + 16);
        String screen = String.join("\n", textOnScreen(robot));
        assertThat(screen)
                .contains("Can't reach the server")
                .contains("Check that " + closedPort + " is the right address and that the server is running, then try again.")
                .doesNotContain("Exception", "java.", "\tat ");
        assertThat(robot.lookup("#signInButton").queryButton().isDisabled()).isFalse();
    }

    @Test
    void signingInOpensTheMainWindowWithTheOrganizationAndUser(FxRobot robot) {
        server.answer(200, "application/json", sessionJson());

        typeInto(robot, "#serverUrlField", server.url());
        typeInto(robot, "#emailField", "dewi@kopisenja.test");
        typeInto(robot, "#passwordField", "Pw-7391x");
        robot.type(KeyCode.ENTER);

        WaitForAsyncUtils.waitForFxEvents();
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#organizationName").tryQuery().isPresent());
        assertThat(robot.lookup("#organizationName").queryAs(Label.class).getText()).isEqualTo(ORGANIZATION);
        assertThat(robot.lookup("#userName").queryAs(Label.class).getText()).isEqualTo(USER_NAME);
        assertThat(robot.lookup("#nav-inbox").queryAs(ToggleButton.class).isSelected()).isTrue();

        Path settings = desktopDirectory.resolve("settings.properties");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(settings));
        assertThat(settings).content()
                .contains("server.url=" + server.url().replace(":", "\\:"))
                .contains("email=dewi@kopisenja.test")
                .doesNotContain("Pw-7391x");

        robot.clickOn("#signOutButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#emailField").queryAs(TextField.class).getText()).isEqualTo("dewi@kopisenja.test");
        assertThat(robot.lookup("#passwordField").queryAs(TextField.class).getText()).isEmpty();
    }

    @Test
    void theThemeToggleSwitchesToDarkAndRemembersIt(FxRobot robot) {
        robot.clickOn("#themeToggle");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.DARK.userAgentStylesheet());
        Path settings = desktopDirectory.resolve("settings.properties");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(settings));
        assertThat(settings).content().contains("theme=dark");
    }

    /** Replaces the field's text the way a person does: click, select all, type. */
    private static void typeInto(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        robot.push(KeyCode.SHORTCUT, KeyCode.A);
        robot.write(text, 0); // real key events, minus the default pause after each character
    }

    /** Every piece of text a person can see in the window right now. */
    private static List<String> textOnScreen(FxRobot robot) {
        return robot.lookup(node -> node instanceof Text && showing(node))
                .queryAllAs(Text.class).stream()
                .map(Text::getText)
                .toList();
    }

    private static boolean showing(Node node) {
        for (Node current = node; current != null; current = current.getParent()) {
            if (!current.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    private static double sceneY(FxRobot robot, String selector) {
        javafx.scene.Node node = robot.lookup(selector).query();
        return node.localToScene(node.getLayoutBounds()).getMinY();
    }
}
