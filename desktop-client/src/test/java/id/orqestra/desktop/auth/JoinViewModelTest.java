package id.orqestra.desktop.auth;

import id.orqestra.desktop.admin.AdminAccess;
import id.orqestra.desktop.admin.AdminApi;
import id.orqestra.desktop.admin.InviteViewModel;
import id.orqestra.desktop.admin.TeamViewModel;
import id.orqestra.desktop.testing.RealBackend;
import id.orqestra.desktop.viewmodel.AsyncRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/** Joining with the code an admin passed on, with no UI, against the real backend. */
class JoinViewModelTest {

    private static final Executor SAME_THREAD = Runnable::run;

    private static RealBackend backend;
    private static RealBackend.Member owner;

    @BeforeAll
    static void start() {
        backend = RealBackend.shared();
        owner = backend.newOrganization("Join view model test");
    }

    /** Invites someone the way the Team tab does and returns the one-time code. */
    private static String invite(String email) {
        AsyncRunner runner = new AsyncRunner(Runnable::run, Runnable::run);
        TeamViewModel team = new TeamViewModel(new AdminApi(backend.client(owner.session())), runner,
                AdminAccess.of(owner.session().user().permissions()), owner.session().user().id());
        team.load();
        InviteViewModel invite = team.newInvitation();
        invite.email().set(email);
        invite.submit();
        return invite.invitationCode();
    }

    private static JoinViewModel model(List<SignedIn> signedIn) {
        JoinViewModel model = new JoinViewModel(new AuthClient(), SAME_THREAD, SAME_THREAD, signedIn::add);
        model.serverUrlProperty().set(backend.url());
        return model;
    }

    @Test
    void theCodeANameAndAPasswordSignTheNewMemberIn() {
        String email = RealBackend.unique("wulan") + "@kopisenja.test";
        String code = invite(email);
        List<SignedIn> signedIn = new ArrayList<>();
        JoinViewModel model = model(signedIn);

        model.code().set(code);
        model.name().set("Wulan Sari");
        model.password().set("a good long password");
        model.join();

        assertThat(model.failureProperty().get()).isEmpty();
        assertThat(signedIn).singleElement().satisfies(s -> {
            assertThat(s.email()).isEqualTo(email);
            assertThat(s.session().user().name()).isEqualTo("Wulan Sari");
            assertThat(s.session().user().roleName()).isEqualTo("Agent");
        });
        assertThat(model.password().valueProperty().get()).as("the password is not kept").isEmpty();
    }

    @Test
    void aCodeUsedOnceDoesNotWorkTwice() {
        String code = invite(RealBackend.unique("twice") + "@kopisenja.test");
        List<SignedIn> signedIn = new ArrayList<>();
        JoinViewModel first = model(signedIn);
        first.code().set(code);
        first.name().set("First");
        first.password().set("a good long password");
        first.join();
        JoinViewModel second = model(signedIn);

        second.code().set(code);
        second.name().set("Second");
        second.password().set("another long password");
        second.join();

        assertThat(signedIn).hasSize(1);
        assertThat(second.failureTitleProperty().get()).isEqualTo("Couldn't join");
        assertThat(second.failureProperty().get())
                .isEqualTo("This invitation was already used. Sign in with your email and password.");
    }

    @Test
    void anUnknownCodeGetsTheServersSentence() {
        List<SignedIn> signedIn = new ArrayList<>();
        JoinViewModel model = model(signedIn);

        model.code().set("not-a-code-anyone-was-given");
        model.name().set("Nobody");
        model.password().set("a good long password");
        model.join();

        assertThat(signedIn).isEmpty();
        assertThat(model.failureProperty().get()).isEqualTo("This invitation does not exist. Ask for a new one.");
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void aShortPasswordAndMissingFieldsAreSaidAtTheFieldsWithoutAsking() {
        List<SignedIn> signedIn = new ArrayList<>();
        JoinViewModel model = model(signedIn);
        model.password().set("short");

        model.join();

        assertThat(model.code().errorProperty().get()).isEqualTo("Paste the invitation code your administrator gave you.");
        assertThat(model.name().errorProperty().get()).isEqualTo("Enter your name (up to 120 characters).");
        assertThat(model.password().errorProperty().get()).isEqualTo("Choose a password of at least 10 characters.");
        assertThat(model.failureProperty().get()).isEmpty();
        assertThat(signedIn).isEmpty();
    }
}
