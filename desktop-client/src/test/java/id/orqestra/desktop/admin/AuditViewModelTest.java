package id.orqestra.desktop.admin;

import id.orqestra.desktop.admin.AuditViewModel.AuditRow;
import id.orqestra.desktop.testing.RealBackend;
import id.orqestra.desktop.viewmodel.AsyncRunner;
import id.orqestra.model.tenant.BuiltInRole;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class AuditViewModelTest {

    private static final AsyncRunner SAME_THREAD = new AsyncRunner(Runnable::run, Runnable::run);

    @Test
    void showsWhoDidWhatInWordsNewestFirst() {
        RealBackend backend = RealBackend.shared();
        RealBackend.Member owner = backend.newOrganization("Audit view model test");
        RealBackend.Member agent = backend.addMember(owner, BuiltInRole.AGENT, "Agent Audit");
        AdminApi api = new AdminApi(backend.client(owner.session()));
        TeamViewModel team = new TeamViewModel(api, SAME_THREAD, AdminAccess.of(owner.session().user().permissions()),
                owner.session().user().id());
        team.load();
        team.deactivate(team.members().stream().filter(m -> m.email().equals(agent.email())).findFirst().orElseThrow());
        AuditViewModel model = new AuditViewModel(api, SAME_THREAD, ZoneOffset.UTC);

        model.load();

        assertThat(model.entries()).extracting(AuditRow::what).startsWith("Deactivated a member", "Invited a member");
        AuditRow newest = model.entries().get(0);
        assertThat(newest.who()).isEqualTo("Owner");
        assertThat(newest.details()).isEqualTo("email: " + agent.email());
        assertThat(model.errorProperty().get()).isEmpty();
    }

    @Test
    void someoneWithoutOrgSettingsGetsTheServersSentence() {
        RealBackend backend = RealBackend.shared();
        RealBackend.Member owner = backend.newOrganization("Audit refused test");
        RealBackend.Member supervisor = backend.addMember(owner, BuiltInRole.SUPERVISOR, "Supervisor Audit");
        AuditViewModel model = new AuditViewModel(new AdminApi(backend.client(supervisor.session())), SAME_THREAD);

        model.load();

        assertThat(model.entries()).isEmpty();
        assertThat(model.errorProperty().get()).isEqualTo("Your role does not include org.settings. Ask an admin of your organization.");
        assertThat(model.loadingProperty().get()).isFalse();
    }
}
