package id.orqestra.desktop.admin;

import id.orqestra.desktop.admin.TeamViewModel.Member;
import id.orqestra.desktop.admin.TeamViewModel.Status;
import id.orqestra.desktop.auth.JoinLink;
import id.orqestra.desktop.testing.RealBackend;
import id.orqestra.desktop.viewmodel.AsyncRunner;
import id.orqestra.model.auth.Session;
import id.orqestra.model.tenant.BuiltInRole;
import id.orqestra.model.tenant.RoleView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Team tab's view model with no UI, against the real backend: a fresh organization per test class,
 * every call run on the calling thread.
 */
class TeamViewModelTest {

    private static final AsyncRunner SAME_THREAD = new AsyncRunner(Runnable::run, Runnable::run);

    private static RealBackend backend;
    private static RealBackend.Member owner;

    @BeforeAll
    static void start() {
        backend = RealBackend.shared();
        owner = backend.newOrganization("Team view model test");
    }

    private static TeamViewModel modelFor(Session session) {
        return new TeamViewModel(new AdminApi(backend.client(session)), SAME_THREAD,
                AdminAccess.of(session.user().permissions()), session.user().id());
    }

    private static Member member(TeamViewModel model, String email) {
        return model.members().stream().filter(m -> m.email().equals(email)).findFirst().orElseThrow();
    }

    @Test
    void showsTheMembersWithRoleAndStatusAndMarksYou() {
        TeamViewModel model = modelFor(owner.session());

        model.load();

        Member me = member(model, owner.email());
        assertThat(me.roleName()).isEqualTo("Owner");
        assertThat(me.status()).isEqualTo(Status.ACTIVE);
        assertThat(me.you()).isTrue();
        assertThat(model.canDeactivate(me)).as("nobody deactivates themselves").isFalse();
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.summaryProperty().get()).contains("member");
    }

    @Test
    void invitingShowsTheOneTimeCodeAndListsThePersonAsPending() {
        TeamViewModel model = modelFor(owner.session());
        model.load();
        InviteViewModel invite = model.newInvitation();
        String email = RealBackend.unique("sari") + "@kopisenja.test";
        assertThat(invite.roleProperty().get().builtIn()).as("agents are the usual choice").isEqualTo(BuiltInRole.AGENT);

        invite.email().set(email);
        invite.name().set("Sari Wulandari");
        invite.submit();

        assertThat(invite.errorProperty().get()).isEmpty();
        assertThat(invite.doneProperty().get()).isTrue();
        assertThat(invite.invitationCode()).hasSizeGreaterThan(20);
        assertThat(invite.invitationMessageProperty().get())
                .startsWith("Send this one-time invitation code to Sari Wulandari (" + email + ") yourself")
                .contains("On the sign-in screen they choose \"" + JoinLink.TEXT + "\"")
                .contains("expires on");
        Member invited = member(model, email);
        assertThat(invited.status()).isEqualTo(Status.INVITATION_PENDING);
        assertThat(invited.roleName()).isEqualTo("Agent");
        assertThat(model.summaryProperty().get()).contains("invitation pending");
    }

    @Test
    void aBadAddressIsCaughtBeforeAnythingIsSent() {
        TeamViewModel model = modelFor(owner.session());
        model.load();
        int before = model.members().size();
        InviteViewModel invite = model.newInvitation();

        invite.email().set("sari@kopisenja");
        invite.submit();

        assertThat(invite.email().errorProperty().get()).isEqualTo("Enter an email address like name@company.com.");
        assertThat(invite.doneProperty().get()).isFalse();
        model.load();
        assertThat(model.members()).hasSize(before);
    }

    @Test
    void anAddressThatAlreadyHasAnAccountGetsTheServersSentenceAtTheField() {
        TeamViewModel model = modelFor(owner.session());
        model.load();
        InviteViewModel invite = model.newInvitation();

        invite.email().set(RealBackend.AGENT_EMAIL);
        invite.submit();

        assertThat(invite.email().errorProperty().get())
                .isEqualTo("There is already an Orqestra account with " + RealBackend.AGENT_EMAIL + ".");
        assertThat(invite.doneProperty().get()).isFalse();
    }

    @Test
    void changingTheRoleAndDeactivatingAndReactivating() {
        RealBackend.Member agent = backend.addMember(owner, BuiltInRole.AGENT, "Raka Putra");
        TeamViewModel model = modelFor(owner.session());
        model.load();
        RoleView supervisor = model.grantableRoles().stream()
                .filter(r -> r.builtIn() == BuiltInRole.SUPERVISOR).findFirst().orElseThrow();

        model.changeRole(member(model, agent.email()), supervisor);
        assertThat(member(model, agent.email()).roleName()).isEqualTo("Supervisor");

        Member raka = member(model, agent.email());
        assertThat(model.canDeactivate(raka)).isTrue();
        assertThat(model.deactivateQuestion(raka)).startsWith("Deactivate Raka Putra?");
        model.deactivate(raka);
        raka = member(model, agent.email());
        assertThat(raka.status()).isEqualTo(Status.DEACTIVATED);
        assertThat(model.canReactivate(raka)).isTrue();
        assertThat(model.summaryProperty().get()).contains("1 deactivated");

        model.reactivate(raka);
        assertThat(member(model, agent.email()).status()).isEqualTo(Status.ACTIVE);
        assertThat(model.errorProperty().get()).isEmpty();
    }

    @Test
    void theLastOwnerCannotStepDownAndTheServerSaysWhy() {
        TeamViewModel model = modelFor(owner.session());
        model.load();
        RoleView admin = model.grantableRoles().stream()
                .filter(r -> r.builtIn() == BuiltInRole.ADMIN).findFirst().orElseThrow();

        model.changeRole(member(model, owner.email()), admin);

        assertThat(model.errorProperty().get()).isEqualTo("The organization must keep at least one active Owner.");
        assertThat(member(model, owner.email()).roleName()).isEqualTo("Owner");
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void aSupervisorSeesTheTeamButNoCommands() {
        RealBackend.Member supervisor = backend.addMember(owner, BuiltInRole.SUPERVISOR, "Supervisor Sinta");
        TeamViewModel model = modelFor(supervisor.session());

        model.load();

        assertThat(model.members()).extracting(Member::email).contains(owner.email(), supervisor.email());
        assertThat(model.canManage()).isFalse();
        assertThat(model.members()).noneMatch(m -> model.canChangeRole(m) || model.canDeactivate(m) || model.canReactivate(m));
    }

    @Test
    void anAdminIsOfferedOnlyRolesTheirOwnRoleCovers() {
        RealBackend.Member admin = backend.addMember(owner, BuiltInRole.ADMIN, "Admin Adi");
        TeamViewModel model = modelFor(admin.session());
        model.load();

        assertThat(model.grantableRoles()).extracting(RoleView::builtIn)
                .contains(BuiltInRole.ADMIN, BuiltInRole.AGENT)
                .doesNotContain(BuiltInRole.OWNER);
    }
}
