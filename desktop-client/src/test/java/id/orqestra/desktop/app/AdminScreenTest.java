package id.orqestra.desktop.app;

import id.orqestra.desktop.api.ApiClient;
import id.orqestra.desktop.api.ApiException;
import id.orqestra.desktop.api.ApiSession;
import id.orqestra.desktop.api.ApiTransport;
import id.orqestra.desktop.auth.AuthClient;
import id.orqestra.desktop.auth.SessionVault;
import id.orqestra.desktop.testing.RealBackend;
import id.orqestra.desktop.testing.TempFolders;
import id.orqestra.model.auth.Session;
import id.orqestra.model.tenant.BuiltInRole;
import id.orqestra.model.tenant.Permission;
import id.orqestra.model.tenant.RoleView;
import id.orqestra.model.tenant.TeamRequests;
import id.orqestra.model.tenant.UserView;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The real window, driven headlessly (Monocle) as a person would, against the real backend started in
 * this JVM: sign in as the demo owner, invite, create a role, connect a channel, and start again
 * without a password.
 */
@ExtendWith(ApplicationExtension.class)
class AdminScreenTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String TOKEN = "EAAG" + "k3y5e6c7r8".repeat(4);

    private static RealBackend backend;

    private final List<ExecutorService> executors = new ArrayList<>();
    private final List<DesktopWindow> windows = new CopyOnWriteArrayList<>();
    private Path desktopDirectory;
    private Stage firstStage;

    @BeforeAll
    static void startBackend() {
        backend = RealBackend.shared();
    }

    @Start
    void start(Stage stage) throws IOException {
        desktopDirectory = Files.createTempDirectory("orqestra-admin-screen-test");
        firstStage = stage;
        window(stage).show();
    }

    @AfterEach
    void stop() throws Exception {
        // as when the app quits: the inbox stops syncing before its executors go away
        WaitForAsyncUtils.asyncFx(() -> windows.forEach(DesktopWindow::close)).get(5, TimeUnit.SECONDS);
        for (ExecutorService executor : executors) {
            executor.shutdownNow();
            executor.awaitTermination(2, TimeUnit.SECONDS);
        }
        WaitForAsyncUtils.waitForAsyncFx(2_000, () -> ThemeController.applyToApplication(Theme.LIGHT));
        TempFolders.delete(desktopDirectory);
    }

    /** A window as the app builds it, keeping its files in this test's desktop folder. */
    private DesktopWindow window(Stage stage) {
        ExecutorService background = BackgroundExecutor.create("admin-screen-test");
        ScheduledExecutorService timer = BackgroundExecutor.scheduler("admin-screen-test-timer");
        executors.add(background);
        executors.add(timer);
        StartupOptions options = new StartupOptions(desktopDirectory, Optional.empty());
        DesktopWindow window = new DesktopWindow(stage, new DesktopServices(options, new SettingsStore(desktopDirectory),
                new SessionVault(desktopDirectory), new AuthClient(), new ApiTransport(), background, timer,
                Platform::runLater));
        windows.add(window);
        return window;
    }

    // ---- the tests

    @Test
    void theOwnerInvitesSomeoneAndIsShownTheOneTimeCode(FxRobot robot) {
        signIn(robot, RealBackend.OWNER_EMAIL, RealBackend.DEMO_PASSWORD);
        openAdmin(robot);
        String email = RealBackend.unique("putri") + "@kopisenja.test";

        robot.clickOn("#inviteButton");
        waitUntilShown(robot, "#inviteEmail");
        typeInto(robot, "#inviteEmail", email);
        typeInto(robot, "#inviteName", "Putri Ayu");
        robot.clickOn("#inviteSend");

        await().atMost(PATIENCE).until(() -> !textOf(robot, "#invitationCode").isEmpty());
        String code = textOf(robot, "#invitationCode");
        assertThat(code).hasSizeGreaterThan(20);
        assertThat(robot.lookup("#invitationMessage").queryAs(Label.class).getText())
                .startsWith("Send this one-time invitation code to Putri Ayu (" + email + ") yourself");
        robot.clickOn("#copyInvitationCode");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()))
                .succeedsWithin(Duration.ofSeconds(5)).isEqualTo(code);

        robot.clickOn("#inviteDone");
        await().atMost(PATIENCE).until(() -> screenText(robot).contains(email));
        assertThat(screenText(robot)).contains("Invitation pending");
    }

    @Test
    void theOwnerCreatesARoleWithTwoPermissionsAndSeesItInTheGrid(FxRobot robot) {
        signIn(robot, RealBackend.OWNER_EMAIL, RealBackend.DEMO_PASSWORD);
        openAdmin(robot);
        openTab(robot, "Roles");
        waitUntilShown(robot, "#newRoleButton");
        String name = RealBackend.unique("Night");

        robot.clickOn("#newRoleButton");
        waitUntilShown(robot, "#roleName");
        typeInto(robot, "#roleName", name);
        robot.clickOn(robot.lookup(id("roleBox-inbox.view.assigned")).queryAs(CheckBox.class));
        robot.clickOn(robot.lookup(id("roleBox-inbox.reply")).queryAs(CheckBox.class));
        robot.clickOn("#roleEditorSave");

        await().atMost(PATIENCE).until(() -> roleIdInHeader(robot, name).isPresent());
        String roleId = roleIdInHeader(robot, name).orElseThrow();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(id("grant-" + roleId + "-inbox.view.assigned")).queryAs(CheckBox.class).isSelected()).isTrue();
        assertThat(robot.lookup(id("grant-" + roleId + "-inbox.reply")).queryAs(CheckBox.class).isSelected()).isTrue();
        assertThat(robot.lookup(id("grant-" + roleId + "-inbox.assign")).queryAs(CheckBox.class).isSelected()).isFalse();
        String ownerId = roleIdInHeader(robot, "Owner").orElseThrow();
        assertThat(robot.lookup(id("tick-" + ownerId + "-inbox.assign")).tryQuery())
                .as("built-in roles show ticks, not boxes").isPresent();
        assertThat(robot.lookup(id("grant-" + ownerId + "-inbox.assign")).tryQuery()).isEmpty();
    }

    @Test
    void theRolesGridKeepsThePermissionsInViewAndStaysScrolledWhenABoxIsTicked(FxRobot robot) throws ApiException {
        // enough custom roles that the grid scrolls sideways
        ApiClient owner = backend.client(backend.signIn(RealBackend.OWNER_EMAIL, RealBackend.DEMO_PASSWORD));
        List<RoleView> created = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            created.add(owner.post("roles", new TeamRequests.RoleRequest(RealBackend.unique("Wide"),
                    Set.of(Permission.INBOX_REPLY)), RoleView.class));
        }
        RoleView last = created.getLast();
        signIn(robot, RealBackend.OWNER_EMAIL, RealBackend.DEMO_PASSWORD);
        openAdmin(robot);
        openTab(robot, "Roles");
        await().atMost(PATIENCE).until(() -> roleIdInHeader(robot, last.name()).isPresent());

        Node grid = robot.lookup("#rolesGrid").query();
        ScrollBar sideways = robot.from(grid).lookup(".scroll-bar").queryAllAs(ScrollBar.class).stream()
                .filter(bar -> bar.getOrientation() == Orientation.HORIZONTAL).findFirst().orElseThrow();
        robot.interact(() -> sideways.setValue(sideways.getMax()));
        WaitForAsyncUtils.waitForFxEvents();
        double scrolled = sideways.getValue();
        assertThat(scrolled).as("the grid is scrolled sideways").isPositive();
        Node permissionHeader = robot.lookup("#permissionColumn").query();
        assertThat(permissionHeader.localToScene(permissionHeader.getBoundsInLocal()).getMinX())
                .as("the permission column stays at the left edge")
                .isCloseTo(grid.localToScene(grid.getBoundsInLocal()).getMinX(), within(2.0));

        CheckBox box = robot.lookup(id("grant-" + last.id() + "-inbox.assign")).queryAs(CheckBox.class);
        robot.clickOn(box);
        await().atMost(PATIENCE).until(() -> {
            CheckBox saved = robot.lookup(id("grant-" + last.id() + "-inbox.assign")).queryAs(CheckBox.class);
            return saved.isSelected() && !saved.isDisabled(); // boxes are disabled while a change is saved
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(owner.get("roles", new com.fasterxml.jackson.core.type.TypeReference<List<RoleView>>() { })
                .stream().filter(r -> r.id() == last.id()).findFirst().orElseThrow().permissions())
                .contains(Permission.INBOX_ASSIGN);
        assertThat(sideways.getValue()).as("ticking a box keeps the scroll").isEqualTo(scrolled);
    }

    @Test
    void theOwnerConnectsAWhatsAppNumberAndWrongIdsAreExplained(FxRobot robot) {
        signIn(robot, RealBackend.OWNER_EMAIL, RealBackend.DEMO_PASSWORD);
        openAdmin(robot);
        openTab(robot, "Channels");
        waitUntilShown(robot, "#connectWhatsAppButton");
        String name = RealBackend.unique("Support line");
        String phoneNumberId = RealBackend.uniqueMetaId();

        robot.clickOn("#connectWhatsAppButton");
        waitUntilShown(robot, "#businessAccountId");
        typeInto(robot, "#channelName", name);
        typeInto(robot, "#businessAccountId", "12ab");
        typeInto(robot, "#phoneNumberId", phoneNumberId);
        typeInto(robot, "#displayPhoneNumber", "+62 812 5550 1234");
        typeInto(robot, "#accessToken", TOKEN);
        robot.clickOn("#connectSubmit");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(screenText(robot))
                .contains("The WhatsApp Business Account ID is a number of 5 to 25 digits; '12ab' is not.");

        typeInto(robot, "#businessAccountId", RealBackend.uniqueMetaId());
        robot.clickOn("#connectSubmit");

        await().atMost(PATIENCE).until(() -> robot.lookup("#connectDialog").tryQuery().isEmpty()
                || !robot.lookup("#connectDialog").query().isVisible() || robot.lookup("#connectDialog").query().getScene() == null);
        await().atMost(PATIENCE).until(() -> screenText(robot).contains(name));
        assertThat(screenText(robot)).contains("+62 812 5550 1234", "Phone number ID " + phoneNumberId);

        // the same number again: only the server knows it is taken, and says so at the field
        robot.clickOn("#connectWhatsAppButton");
        waitUntilShown(robot, "#businessAccountId");
        typeInto(robot, "#businessAccountId", RealBackend.uniqueMetaId());
        typeInto(robot, "#phoneNumberId", phoneNumberId);
        typeInto(robot, "#accessToken", TOKEN);
        robot.clickOn("#connectSubmit");
        String duplicate = "This WhatsApp number (phone number ID " + phoneNumberId + ") is already connected.";
        await().atMost(PATIENCE).until(() -> screenText(robot).contains(duplicate));
    }

    @Test
    void aFreshStartSignsInAgainFromTheStoredTokenWithoutShowingTheSignInScreen(FxRobot robot) throws Exception {
        signIn(robot, RealBackend.OWNER_EMAIL, RealBackend.DEMO_PASSWORD);
        SessionVault vault = new SessionVault(desktopDirectory);
        await().atMost(PATIENCE).until(vault::hasStoredSession);
        String storedToken = vault.load().orElseThrow().refreshToken();
        String fileAsText = new String(Files.readAllBytes(vault.tokenFile()), StandardCharsets.ISO_8859_1);
        assertThat(fileAsText).doesNotContain(storedToken).doesNotContain(RealBackend.OWNER_EMAIL);
        assertThat(Files.readString(desktopDirectory.resolve(SettingsStore.FILE_NAME)))
                .doesNotContain(RealBackend.DEMO_PASSWORD).doesNotContain(storedToken);

        // the app is closed and started again
        List<DesktopWindow.Screen> screens = new CopyOnWriteArrayList<>();
        Stage secondStage = WaitForAsyncUtils.asyncFx(() -> {
            firstStage.hide();
            Stage stage = new Stage();
            DesktopWindow window = window(stage);
            window.screenProperty().addListener((obs, old, now) -> screens.add(now));
            window.show();
            return stage;
        }).get(10, TimeUnit.SECONDS);

        await().atMost(PATIENCE).until(() -> screens.contains(DesktopWindow.Screen.MAIN));
        assertThat(screens).containsExactly(DesktopWindow.Screen.RESUMING, DesktopWindow.Screen.MAIN);
        assertThat(robot.from(secondStage.getScene().getRoot()).lookup("#userName").queryAs(Label.class).getText())
                .isEqualTo("Dewi Owner");
        // resuming used the stored refresh token up and stored the new one
        await().atMost(PATIENCE).until(() -> vault.load().map(s -> !s.refreshToken().equals(storedToken)).orElse(false));

        // signing out forgets the stored sign-in
        robot.clickOn(robot.from(secondStage.getScene().getRoot()).lookup("#signOutButton").queryAs(Node.class));
        await().atMost(PATIENCE).until(() -> !vault.hasStoredSession());
        assertThat(screens).endsWith(DesktopWindow.Screen.SIGN_IN);
        WaitForAsyncUtils.asyncFx(secondStage::hide).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aStoredSignInThatHasEndedLeadsCalmlyToTheSignInScreen(FxRobot robot) throws Exception {
        Session session = backend.signIn(RealBackend.OWNER_EMAIL, RealBackend.DEMO_PASSWORD);
        new SessionVault(desktopDirectory).save(new SessionVault.StoredSession(backend.url(), RealBackend.OWNER_EMAIL,
                session.refreshToken()));
        Files.writeString(desktopDirectory.resolve(SettingsStore.FILE_NAME),
                "server.url=" + backend.url().replace(":", "\\:") + "\nemail=" + RealBackend.OWNER_EMAIL + "\n");
        // signed out elsewhere meanwhile
        new ApiSession(backend.transport(), backend.server(), RealBackend.OWNER_EMAIL, session).signOut(() -> { });

        List<DesktopWindow.Screen> screens = new CopyOnWriteArrayList<>();
        Stage secondStage = WaitForAsyncUtils.asyncFx(() -> {
            firstStage.hide();
            Stage stage = new Stage();
            DesktopWindow window = window(stage);
            window.screenProperty().addListener((obs, old, now) -> screens.add(now));
            window.show();
            return stage;
        }).get(10, TimeUnit.SECONDS);

        await().atMost(PATIENCE).until(() -> screens.contains(DesktopWindow.Screen.SIGN_IN));
        assertThat(screens).containsExactly(DesktopWindow.Screen.RESUMING, DesktopWindow.Screen.SIGN_IN);
        WaitForAsyncUtils.waitForFxEvents();
        Node root = secondStage.getScene().getRoot();
        assertThat(robot.from(root).lookup("#signInNotice").query().isVisible()).isTrue();
        assertThat(textUnder(root)).contains("This sign-in has ended. Sign in again.");
        assertThat(robot.from(root).lookup("#emailField").queryAs(TextField.class).getText()).isEqualTo(RealBackend.OWNER_EMAIL);
        assertThat(new SessionVault(desktopDirectory).hasStoredSession()).isFalse();
        WaitForAsyncUtils.asyncFx(secondStage::hide).get(5, TimeUnit.SECONDS);
    }

    @Test
    void anAgentHasNoAdminEntry(FxRobot robot) {
        signIn(robot, RealBackend.AGENT_EMAIL, RealBackend.DEMO_PASSWORD);

        assertThat(robot.lookup("#nav-inbox").tryQuery()).isPresent();
        assertThat(robot.lookup("#nav-admin").tryQuery()).isEmpty();
    }

    @Test
    void aSupervisorSeesTheTeamReadOnlyAndIsSentBackCalmlyWhenDeactivated(FxRobot robot) throws ApiException {
        Session ownerSession = backend.signIn(RealBackend.OWNER_EMAIL, RealBackend.DEMO_PASSWORD);
        RealBackend.Member owner = new RealBackend.Member(RealBackend.OWNER_EMAIL, RealBackend.DEMO_PASSWORD, ownerSession);
        RealBackend.Member supervisor = backend.addMember(owner, BuiltInRole.SUPERVISOR, "Sinta Supervisor");

        signIn(robot, supervisor.email(), supervisor.password());
        openAdmin(robot);

        await().atMost(PATIENCE).until(() -> screenText(robot).contains(RealBackend.OWNER_EMAIL));
        assertThat(robot.lookup("#inviteButton").query().isVisible()).isFalse();
        assertThat(robot.lookup("#teamReadOnly").query().isVisible()).isTrue();
        assertThat(robot.lookup(".tab-label").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("Team", "Roles", "Channels");

        // an owner deactivates the supervisor; their next request ends the session calmly
        long supervisorId = backend.client(ownerSession).get("team/users",
                        new com.fasterxml.jackson.core.type.TypeReference<List<UserView>>() { })
                .stream().filter(u -> u.email().equals(supervisor.email())).findFirst().orElseThrow().id();
        backend.client(ownerSession).patch("team/users/" + supervisorId,
                new TeamRequests.UpdateUserRequest(null, Boolean.FALSE), UserView.class);
        // the live link may notice first and put the sign-in screen up already: refresh only while the team is shown
        robot.interact(() -> robot.lookup("#refreshTeam").tryQuery().filter(node -> node.getScene() != null)
                .ifPresent(node -> ((javafx.scene.control.ButtonBase) node).fire()));

        await().atMost(PATIENCE).until(() -> robot.lookup("#signInNotice").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(screenText(robot)).contains("This sign-in has ended. Sign in again.");
    }

    // ---- helpers

    private static void signIn(FxRobot robot, String email, String password) {
        typeInto(robot, "#serverUrlField", backend.url());
        typeInto(robot, "#emailField", email);
        typeInto(robot, "#passwordField", password);
        robot.type(KeyCode.ENTER);
        await().atMost(PATIENCE).until(() -> robot.lookup("#organizationName").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void openAdmin(FxRobot robot) {
        robot.clickOn("#nav-admin");
        waitUntilShown(robot, "#adminTabs");
    }

    private static void openTab(FxRobot robot, String label) {
        robot.clickOn(robot.lookup(".tab-label").match(LabeledMatchers.hasText(label)).queryAs(Label.class));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitUntilShown(FxRobot robot, String query) {
        await().atMost(PATIENCE).until(() -> robot.lookup(query).tryQuery().map(AdminScreenTest::showing).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Replaces the field's text the way a person often does: click, select all, paste. (Typing key by
     * key works too but costs seconds per field under the headless robot; ids and tokens get pasted.)
     */
    private static void typeInto(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        robot.push(KeyCode.SHORTCUT, KeyCode.A);
        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        });
        robot.push(KeyCode.SHORTCUT, KeyCode.V);
    }

    private static String textOf(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(node -> ((TextField) node).getText()).orElse("");
    }

    /** The id of the role whose column header reads {@code name}, once the grid shows it. */
    private static Optional<String> roleIdInHeader(FxRobot robot, String name) {
        return robot.lookup((Node n) -> n instanceof Text text && text.getId() != null
                        && text.getId().startsWith("roleHeader-") && name.equals(text.getText()))
                .tryQuery().map(node -> node.getId().substring("roleHeader-".length()));
    }

    private static Predicate<Node> id(String id) {
        return node -> id.equals(node.getId());
    }

    /** Every piece of text a person can see in the window right now, as one string. */
    private static String screenText(FxRobot robot) {
        return String.join("\n", robot.lookup(node -> node instanceof Text && showing(node))
                .queryAllAs(Text.class).stream().map(Text::getText).toList());
    }

    private static String textUnder(Node root) {
        List<String> texts = new ArrayList<>();
        collectText(root, texts);
        return String.join("\n", texts);
    }

    private static void collectText(Node node, List<String> texts) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Text text) {
            texts.add(text.getText());
        }
        if (node instanceof javafx.scene.Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collectText(child, texts));
        }
    }

    private static boolean showing(Node node) {
        for (Node current = node; current != null; current = current.getParent()) {
            if (!current.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null && node.getScene().getWindow() != null && node.getScene().getWindow().isShowing();
    }

}
