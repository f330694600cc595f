package id.orqestra.desktop.app;

import id.orqestra.desktop.auth.ServerAddress;
import id.orqestra.desktop.auth.SignedIn;
import id.orqestra.model.auth.Session;
import id.orqestra.model.tenant.BuiltInRole;
import id.orqestra.model.tenant.Permission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ShellViewModelTest {

    private static SignedIn signedIn(String name) {
        return signedIn(name, BuiltInRole.SUPERVISOR.permissions());
    }

    private static SignedIn signedIn(String name, Set<Permission> permissions) {
        Session.UserProfile user = new Session.UserProfile(7, "dewi@kopisenja.test", name, 3,
                "Kopi Senja Roasters", "Supervisor", permissions);
        return new SignedIn(ServerAddress.parse("https://orqestra.example.com"), "dewi@kopisenja.test",
                new Session("token", Instant.parse("2026-12-03T17:00:00Z"), "refresh", user));
    }

    @Test
    void showsWhoIsSignedInWhere() {
        ShellViewModel model = new ShellViewModel(signedIn("Dewi Lestari"), () -> { });

        assertThat(model.organizationNameProperty().get()).isEqualTo("Kopi Senja Roasters");
        assertThat(model.userNameProperty().get()).isEqualTo("Dewi Lestari");
        assertThat(model.userRoleProperty().get()).isEqualTo("Supervisor");
        assertThat(model.userInitialsProperty().get()).isEqualTo("DL");
        assertThat(model.connectionSummaryProperty().get())
                .isEqualTo("Signed in to https://orqestra.example.com as dewi@kopisenja.test");
    }

    @Test
    void aUserWithoutANameIsShownByEmail() {
        ShellViewModel model = new ShellViewModel(signedIn(" "), () -> { });

        assertThat(model.userNameProperty().get()).isEqualTo("dewi@kopisenja.test");
        assertThat(model.userInitialsProperty().get()).isEqualTo("D");
    }

    @Test
    void opensOnTheInboxAndFollowsTheSelection() {
        ShellViewModel model = new ShellViewModel(signedIn("Dewi"), () -> { });
        assertThat(model.selectedSectionProperty().get()).isEqualTo(Section.INBOX);
        assertThat(model.placeholderTitleProperty().get()).isEqualTo("Your inbox arrives soon");

        model.select(Section.FLOWS);

        assertThat(model.selectedSectionProperty().get()).isEqualTo(Section.FLOWS);
        assertThat(model.placeholderTitleProperty().get()).isEqualTo(Section.FLOWS.placeholderTitle());
        assertThat(model.sections()).containsExactly(
                Section.INBOX, Section.BROADCASTS, Section.FLOWS, Section.ADMIN, Section.DASHBOARD);
    }

    @Test
    void anAgentHasNoAdminEntryThoughTheirRoleMayListTeamAndChannels() {
        ShellViewModel agent = new ShellViewModel(signedIn("Raka", BuiltInRole.AGENT.permissions()), () -> { });
        ShellViewModel analyst = new ShellViewModel(signedIn("Ayu", BuiltInRole.ANALYST.permissions()), () -> { });
        ShellViewModel channelAdmin = new ShellViewModel(signedIn("Budi", Set.of(Permission.CHANNEL_MANAGE)), () -> { });

        assertThat(agent.sections()).containsExactly(Section.INBOX, Section.BROADCASTS, Section.FLOWS, Section.DASHBOARD);
        assertThat(analyst.sections()).doesNotContain(Section.ADMIN);
        assertThat(channelAdmin.sections()).contains(Section.ADMIN);
    }

    @Test
    void signOutIsHandedToWhoeverOpenedTheShell() {
        AtomicInteger signOuts = new AtomicInteger();
        ShellViewModel model = new ShellViewModel(signedIn("Dewi"), signOuts::incrementAndGet);

        model.signOut();

        assertThat(signOuts).hasValue(1);
    }

    @ParameterizedTest
    @CsvSource({
            "Siti Rahma Putri, SR",
            "budi, B",
            "agent.smith@demo.orqestra.test, AS",
            "'  ', ?",
            "élodie martin, ÉM"
    })
    void initialsComeFromTheFirstTwoWords(String name, String initials) {
        assertThat(ShellViewModel.initialsOf(name)).isEqualTo(initials);
    }
}
