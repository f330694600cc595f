package id.orqestra.desktop.admin;

import id.orqestra.desktop.viewmodel.AsyncRunner;
import id.orqestra.model.admin.AuditEntry;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The Audit log tab: the latest administrative actions, newest first, in words. */
public final class AuditViewModel extends AdminTabModel {

    /** A row of the audit table, ready to show. */
    public record AuditRow(long id, String when, String who, String what, String subject, String details) {
    }

    /** The actions the server records, in words; an unknown one is shown as its code. */
    static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("user.invited", "Invited a member"),
            Map.entry("user.role_changed", "Changed a member's role"),
            Map.entry("user.deactivated", "Deactivated a member"),
            Map.entry("user.reactivated", "Reactivated a member"),
            Map.entry("password.changed", "Changed their password"),
            Map.entry("role.created", "Created a role"),
            Map.entry("role.changed", "Changed a role"),
            Map.entry("role.deleted", "Deleted a role"),
            Map.entry("channel.connected", "Connected a channel"),
            Map.entry("channel.renamed", "Renamed a channel"),
            Map.entry("channel.enabled", "Switched a channel on"),
            Map.entry("channel.disabled", "Switched a channel off"),
            Map.entry("channel.token_replaced", "Replaced a channel's access token"));

    private final AdminApi api;
    private final DateTimeFormatter timeFormat;

    private final ObservableList<AuditRow> entries = FXCollections.observableArrayList();
    /** Read-only view kept in a field: JavaFX holds listeners of such views weakly. */
    private final ObservableList<AuditRow> entriesView = FXCollections.unmodifiableObservableList(entries);

    public AuditViewModel(AdminApi api, AsyncRunner runner) {
        this(api, runner, ZoneId.systemDefault());
    }

    AuditViewModel(AdminApi api, AsyncRunner runner, ZoneId zone) {
        super(runner);
        this.api = Objects.requireNonNull(api);
        this.timeFormat = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withZone(zone);
    }

    public ObservableList<AuditRow> entries() {
        return entriesView;
    }

    @Override
    public void load() {
        fetch(api::audit, loaded -> entries.setAll(loaded.stream().map(this::row).toList()));
    }

    private AuditRow row(AuditEntry entry) {
        String who = entry.actorName() == null || entry.actorName().isBlank()
                ? (entry.actorUserId() == null ? "Orqestra" : "Member " + entry.actorUserId())
                : entry.actorName();
        String details = entry.details() == null ? "" : entry.details().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        return new AuditRow(entry.id(), timeFormat.format(entry.at()), who,
                ACTIONS.getOrDefault(entry.action(), entry.action()), subject(entry.subject()), details);
    }

    /** "user:4" → "Member 4", "channel:3" → "Channel 3"; anything else as it is. */
    static String subject(String subject) {
        if (subject == null) {
            return "";
        }
        int colon = subject.indexOf(':');
        if (colon < 0) {
            return subject;
        }
        String kind = switch (subject.substring(0, colon)) {
            case "user" -> "Member";
            case "role" -> "Role";
            case "channel" -> "Channel";
            default -> subject.substring(0, colon);
        };
        return kind + " " + subject.substring(colon + 1);
    }
}
