package id.orqestra.desktop.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import id.orqestra.desktop.api.ApiClient;
import id.orqestra.desktop.api.ApiException;
import id.orqestra.model.admin.AccountNoticeView;
import id.orqestra.model.admin.AuditEntry;
import id.orqestra.model.channel.ChannelRequests;
import id.orqestra.model.inbox.ChannelView;
import id.orqestra.model.tenant.RoleView;
import id.orqestra.model.tenant.TeamRequests;
import id.orqestra.model.tenant.UserView;

import java.util.List;
import java.util.Objects;

/** The admin endpoints of the API, typed. Blocking: view models call it through their background executor. */
public final class AdminApi {

    private static final TypeReference<List<UserView>> USERS = new TypeReference<>() { };
    private static final TypeReference<List<RoleView>> ROLES = new TypeReference<>() { };
    private static final TypeReference<List<ChannelView>> CHANNELS = new TypeReference<>() { };
    private static final TypeReference<List<AccountNoticeView>> NOTICES = new TypeReference<>() { };
    private static final TypeReference<List<AuditEntry>> AUDIT = new TypeReference<>() { };

    private final ApiClient api;

    public AdminApi(ApiClient api) {
        this.api = Objects.requireNonNull(api);
    }

    public List<UserView> users() throws ApiException {
        return api.get("team/users", USERS);
    }

    public TeamRequests.Invitation invite(TeamRequests.InviteRequest request) throws ApiException {
        return api.post("team/invitations", request, TeamRequests.Invitation.class);
    }

    public UserView updateUser(long userId, TeamRequests.UpdateUserRequest request) throws ApiException {
        return api.patch("team/users/" + userId, request, UserView.class);
    }

    public List<RoleView> roles() throws ApiException {
        return api.get("roles", ROLES);
    }

    public RoleView createRole(TeamRequests.RoleRequest request) throws ApiException {
        return api.post("roles", request, RoleView.class);
    }

    public RoleView updateRole(long roleId, TeamRequests.RoleRequest request) throws ApiException {
        return api.put("roles/" + roleId, request, RoleView.class);
    }

    public void deleteRole(long roleId) throws ApiException {
        api.delete("roles/" + roleId);
    }

    public List<ChannelView> channels() throws ApiException {
        return api.get("channels", CHANNELS);
    }

    public ChannelView connectWhatsApp(ChannelRequests.ConnectWhatsApp request) throws ApiException {
        return api.post("channels/whatsapp", request, ChannelView.class);
    }

    public ChannelView connectInstagram(ChannelRequests.ConnectInstagram request) throws ApiException {
        return api.post("channels/instagram", request, ChannelView.class);
    }

    public ChannelView updateChannel(long channelId, ChannelRequests.UpdateChannel request) throws ApiException {
        return api.patch("channels/" + channelId, request, ChannelView.class);
    }

    public List<AccountNoticeView> notices() throws ApiException {
        return api.get("channels/notices", NOTICES);
    }

    public List<AuditEntry> audit() throws ApiException {
        return api.get("audit", AUDIT);
    }
}
