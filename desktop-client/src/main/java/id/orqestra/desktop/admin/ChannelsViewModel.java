package id.orqestra.desktop.admin;

import id.orqestra.desktop.viewmodel.AsyncRunner;
import id.orqestra.model.admin.AccountNoticeView;
import id.orqestra.model.channel.ChannelRequests;
import id.orqestra.model.inbox.ChannelView;
import id.orqestra.model.inbox.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The Channels tab: connected WhatsApp numbers and Instagram accounts with their on/off switch, the
 * forms that connect new ones, and the account notices Meta sent about them.
 */
public final class ChannelsViewModel extends AdminTabModel {

    /** A row of the channel list, ready to show. */
    public record ChannelRow(long id, Platform platform, String name, String address, String accountIds, boolean enabled) {

        static ChannelRow of(ChannelView view) {
            String address;
            String ids;
            if (view.platform() == Platform.WHATSAPP) {
                String display = view.displayPhoneNumber();
                address = display == null || display.isBlank() ? "No display number given"
                        : display.startsWith("+") ? display : "+" + display;
                ids = (view.waPhoneNumberId() == null ? "" : "Phone number ID " + view.waPhoneNumberId() + "\n")
                        + "Business account " + view.waBusinessAccountId();
            } else {
                address = view.igUsername() == null || view.igUsername().isBlank() ? "No username given" : "@" + view.igUsername();
                ids = "Account ID " + view.igAccountId();
            }
            return new ChannelRow(view.id(), view.platform(), view.name(), address, ids, view.enabled());
        }
    }

    /** A notice from Meta about an account, ready to show. */
    public record NoticeRow(long id, String when, String title, String summary, String channelName) {
    }

    private final AdminApi api;
    private final AdminAccess access;
    private final ZoneId zone;

    private final ObservableList<ChannelRow> channels = FXCollections.observableArrayList();
    /** Read-only view kept in a field: JavaFX holds listeners of such views weakly. */
    private final ObservableList<ChannelRow> channelsView = FXCollections.unmodifiableObservableList(channels);
    private final ObservableList<NoticeRow> notices = FXCollections.observableArrayList();
    /** Read-only view kept in a field: JavaFX holds listeners of such views weakly. */
    private final ObservableList<NoticeRow> noticesView = FXCollections.unmodifiableObservableList(notices);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");

    public ChannelsViewModel(AdminApi api, AsyncRunner runner, AdminAccess access) {
        this(api, runner, access, ZoneId.systemDefault());
    }

    ChannelsViewModel(AdminApi api, AsyncRunner runner, AdminAccess access, ZoneId zone) {
        super(runner);
        this.api = Objects.requireNonNull(api);
        this.access = Objects.requireNonNull(access);
        this.zone = Objects.requireNonNull(zone);
    }

    public ObservableList<ChannelRow> channels() {
        return channelsView;
    }

    public ObservableList<NoticeRow> notices() {
        return noticesView;
    }

    /** E.g. "2 WhatsApp numbers · 1 Instagram account". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public boolean canManage() {
        return access.channelsEditable();
    }

    public boolean showsNotices() {
        return access.noticesVisible();
    }

    @Override
    public void load() {
        fetch(() -> new Loaded(api.channels(), access.noticesVisible() ? api.notices() : List.of()), loaded -> {
            channels.setAll(loaded.channels().stream().map(ChannelRow::of).toList());
            Map<Long, String> names = loaded.channels().stream()
                    .collect(Collectors.toMap(ChannelView::id, ChannelView::name, (a, b) -> a));
            notices.setAll(loaded.notices().stream().map(notice -> noticeRow(notice, names)).toList());
            refreshSummary();
        });
    }

    /** Switches a channel on or off. On failure the switch goes back and the sentence shows. */
    public void setEnabled(ChannelRow row, boolean enabled) {
        if (!canManage() || row.enabled() == enabled) {
            return;
        }
        change(() -> api.updateChannel(row.id(), new ChannelRequests.UpdateChannel(null, enabled, null)),
                updated -> replace(ChannelRow.of(updated)),
                failure -> {
                    replace(row);
                    reloadIfGone(failure);
                });
    }

    public ConnectChannelViewModel.WhatsApp connectWhatsApp() {
        return new ConnectChannelViewModel.WhatsApp(api, runner, this::added);
    }

    public ConnectChannelViewModel.Instagram connectInstagram() {
        return new ConnectChannelViewModel.Instagram(api, runner, this::added);
    }

    private void added(ChannelView channel) {
        replace(ChannelRow.of(channel));
    }

    private void replace(ChannelRow row) {
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i).id() == row.id()) {
                channels.set(i, row);
                refreshSummary();
                return;
            }
        }
        channels.add(row);
        refreshSummary();
    }

    private void refreshSummary() {
        long whatsApp = channels.stream().filter(c -> c.platform() == Platform.WHATSAPP).count();
        long instagram = channels.size() - whatsApp;
        long off = channels.stream().filter(c -> !c.enabled()).count();
        String text = whatsApp + (whatsApp == 1 ? " WhatsApp number" : " WhatsApp numbers") + " · "
                + instagram + (instagram == 1 ? " Instagram account" : " Instagram accounts");
        summary.set(off == 0 ? text : text + " · " + off + " switched off");
    }

    private NoticeRow noticeRow(AccountNoticeView notice, Map<Long, String> channelNames) {
        String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withZone(zone).format(notice.occurredAt());
        // the subject is mostly an id (a template's, a number's); the summary names it in words
        String title = words(notice.kind())
                + (notice.status() == null || notice.status().isBlank() ? "" : " · " + words(notice.status()));
        String channel = notice.channelId() == null ? "" : channelNames.getOrDefault(notice.channelId(), "");
        return new NoticeRow(notice.id(), when, title, notice.summary() == null ? "" : notice.summary(), channel);
    }

    /** "message_template_status_update" → "Message template status update", "APPROVED" → "Approved". */
    static String words(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String spaced = code.strip().replace('_', ' ').replace('.', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private record Loaded(List<ChannelView> channels, List<AccountNoticeView> notices) {
    }
}
