package id.orqestra.desktop.admin;

import id.orqestra.desktop.viewmodel.AsyncRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The admin area: which of its tabs this person sees, and the view model of each.
 */
public final class AdminViewModel {

    /** The tabs, in order. */
    public enum Tab {
        TEAM("Team"), ROLES("Roles"), CHANNELS("Channels"), AUDIT("Audit log");

        private final String label;

        Tab(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final AdminAccess access;
    private final TeamViewModel team;
    private final RolesViewModel roles;
    private final ChannelsViewModel channels;
    private final AuditViewModel audit;

    public AdminViewModel(AdminAccess access, AdminApi api, AsyncRunner runner, long myUserId) {
        this.access = Objects.requireNonNull(access);
        this.team = access.teamVisible() ? new TeamViewModel(api, runner, access, myUserId) : null;
        this.roles = access.rolesVisible() ? new RolesViewModel(api, runner, access) : null;
        this.channels = access.channelsVisible() ? new ChannelsViewModel(api, runner, access) : null;
        this.audit = access.auditVisible() ? new AuditViewModel(api, runner) : null;
    }

    public AdminAccess access() {
        return access;
    }

    public List<Tab> tabs() {
        List<Tab> tabs = new ArrayList<>();
        if (team != null) {
            tabs.add(Tab.TEAM);
        }
        if (roles != null) {
            tabs.add(Tab.ROLES);
        }
        if (channels != null) {
            tabs.add(Tab.CHANNELS);
        }
        if (audit != null) {
            tabs.add(Tab.AUDIT);
        }
        return List.copyOf(tabs);
    }

    public Optional<TeamViewModel> team() {
        return Optional.ofNullable(team);
    }

    public Optional<RolesViewModel> roles() {
        return Optional.ofNullable(roles);
    }

    public Optional<ChannelsViewModel> channels() {
        return Optional.ofNullable(channels);
    }

    public Optional<AuditViewModel> audit() {
        return Optional.ofNullable(audit);
    }

    /**
     * The person opened {@code tab}: fetch its data (again), as another tab or another admin may have
     * changed it. What is shown stays until the new data arrives, so nothing flickers.
     */
    public void open(Tab tab) {
        switch (tab) {
            case TEAM -> team().ifPresent(TeamViewModel::load);
            case ROLES -> roles().ifPresent(RolesViewModel::load);
            case CHANNELS -> channels().ifPresent(ChannelsViewModel::load);
            case AUDIT -> audit().ifPresent(AuditViewModel::load);
        }
    }
}
