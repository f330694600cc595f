package id.orqestra.desktop.admin;

import id.orqestra.desktop.admin.ChannelsViewModel.ChannelRow;
import id.orqestra.desktop.testing.RealBackend;
import id.orqestra.desktop.viewmodel.AsyncRunner;
import id.orqestra.model.auth.Session;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.tenant.BuiltInRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelsViewModelTest {

    private static final AsyncRunner SAME_THREAD = new AsyncRunner(Runnable::run, Runnable::run);
    private static final String TOKEN = "EAAG" + "a1b2c3d4e5".repeat(4);

    private static RealBackend backend;
    private static RealBackend.Member owner;

    @BeforeAll
    static void start() {
        backend = RealBackend.shared();
        owner = backend.newOrganization("Channels view model test");
    }

    private static ChannelsViewModel modelFor(Session session) {
        ChannelsViewModel model = new ChannelsViewModel(new AdminApi(backend.client(session)), SAME_THREAD,
                AdminAccess.of(session.user().permissions()));
        model.load();
        return model;
    }

    private static ChannelRow connectWhatsApp(ChannelsViewModel model, String name, String phoneNumberId) {
        ConnectChannelViewModel.WhatsApp form = model.connectWhatsApp();
        form.name().set(name);
        form.businessAccountId().set(RealBackend.uniqueMetaId());
        form.phoneNumberId().set(phoneNumberId);
        form.displayPhoneNumber().set("+62 812 3456 7890");
        form.accessToken().set(TOKEN);
        form.submit();
        assertThat(form.errorProperty().get()).isEmpty();
        assertThat(form.connectedProperty().get()).isTrue();
        return model.channels().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void connectingAWhatsAppNumberListsIt() {
        ChannelsViewModel model = modelFor(owner.session());
        String phoneNumberId = RealBackend.uniqueMetaId();

        ChannelRow row = connectWhatsApp(model, "Support line", phoneNumberId);

        assertThat(row.platform()).isEqualTo(Platform.WHATSAPP);
        assertThat(row.address()).isEqualTo("+62 812 3456 7890");
        assertThat(row.accountIds()).contains("Phone number ID " + phoneNumberId);
        assertThat(row.enabled()).isTrue();
        assertThat(modelFor(owner.session()).channels()).extracting(ChannelRow::id).contains(row.id());
        assertThat(model.summaryProperty().get()).contains("WhatsApp number");
    }

    @Test
    void aBadIdIsCaughtAtTheFieldBeforeSending() {
        ChannelsViewModel model = modelFor(owner.session());
        int before = model.channels().size();
        ConnectChannelViewModel.WhatsApp form = model.connectWhatsApp();
        form.businessAccountId().set("12ab");
        form.phoneNumberId().set(RealBackend.uniqueMetaId());
        form.accessToken().set(TOKEN);

        form.submit();

        assertThat(form.businessAccountId().errorProperty().get())
                .isEqualTo("The WhatsApp Business Account ID is a number of 5 to 25 digits; '12ab' is not.");
        assertThat(form.connectedProperty().get()).isFalse();
        assertThat(modelFor(owner.session()).channels()).hasSize(before);
    }

    @Test
    void aNumberConnectedAlreadyGetsTheServersSentenceAtThePhoneNumberField() {
        ChannelsViewModel model = modelFor(owner.session());
        String phoneNumberId = RealBackend.uniqueMetaId();
        connectWhatsApp(model, RealBackend.unique("First"), phoneNumberId);
        ConnectChannelViewModel.WhatsApp again = model.connectWhatsApp();
        again.businessAccountId().set(RealBackend.uniqueMetaId());
        again.phoneNumberId().set(phoneNumberId);
        again.accessToken().set(TOKEN);

        again.submit();

        assertThat(again.phoneNumberId().errorProperty().get())
                .isEqualTo("This WhatsApp number (phone number ID " + phoneNumberId + ") is already connected.");
        assertThat(again.connectedProperty().get()).isFalse();
    }

    @Test
    void connectingAnInstagramAccountWithAnAtSign() {
        ChannelsViewModel model = modelFor(owner.session());
        ConnectChannelViewModel.Instagram form = model.connectInstagram();
        form.accountId().set(RealBackend.uniqueMetaId());
        form.username().set("@kopi.senja");
        form.accessToken().set("IGAA" + "z9y8x7w6v5".repeat(3));

        form.submit();

        assertThat(form.connectedProperty().get()).isTrue();
        assertThat(model.channels()).filteredOn(c -> c.platform() == Platform.INSTAGRAM)
                .extracting(ChannelRow::name, ChannelRow::address)
                .contains(org.assertj.core.groups.Tuple.tuple("Instagram @kopi.senja", "@kopi.senja"));
    }

    @Test
    void switchingAChannelOffAndOnAgain() {
        ChannelsViewModel model = modelFor(owner.session());
        ChannelRow row = connectWhatsApp(model, RealBackend.unique("Switchable"), RealBackend.uniqueMetaId());

        model.setEnabled(row, false);
        assertThat(model.channels()).filteredOn(c -> c.id() == row.id()).singleElement()
                .extracting(ChannelRow::enabled).isEqualTo(false);
        assertThat(model.summaryProperty().get()).contains("switched off");

        ChannelRow off = model.channels().stream().filter(c -> c.id() == row.id()).findFirst().orElseThrow();
        model.setEnabled(off, true);
        assertThat(modelFor(owner.session()).channels()).filteredOn(c -> c.id() == row.id()).singleElement()
                .extracting(ChannelRow::enabled).isEqualTo(true);
    }

    @Test
    void aSupervisorSeesChannelsButCannotConnectOrSwitch() {
        RealBackend.Member supervisor = backend.addMember(owner, BuiltInRole.SUPERVISOR, "Supervisor Sekar");
        ChannelsViewModel ownerView = modelFor(owner.session());
        ChannelRow row = connectWhatsApp(ownerView, RealBackend.unique("Watched"), RealBackend.uniqueMetaId());
        ChannelsViewModel model = modelFor(supervisor.session());

        assertThat(model.canManage()).isFalse();
        model.setEnabled(model.channels().stream().filter(c -> c.id() == row.id()).findFirst().orElseThrow(), false);

        assertThat(modelFor(owner.session()).channels()).filteredOn(c -> c.id() == row.id()).singleElement()
                .extracting(ChannelRow::enabled).isEqualTo(true);
    }

    @Test
    void noticeKindsAndStatusesReadAsWords() {
        assertThat(ChannelsViewModel.words("message_template_status_update")).isEqualTo("Message template status update");
        assertThat(ChannelsViewModel.words("APPROVED")).isEqualTo("Approved");
        assertThat(ChannelsViewModel.words(null)).isEmpty();
    }
}
