package id.orqestra.cloud.tenant.team;

import static id.orqestra.cloud.platform.web.Bodies.require;
import id.orqestra.cloud.tenant.access.Caller;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.cloud.tenant.access.RequiresPermission;
import id.orqestra.model.tenant.Permission;
import id.orqestra.model.tenant.RoleView;
import id.orqestra.model.tenant.TeamRequests;
import id.orqestra.model.tenant.UserView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

/** Team members, invitations and roles. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TeamController {

    private final TeamService team;

    public TeamController(TeamService team) {
        this.team = team;
    }

    @Get("/team/users")
    @RequiresPermission(Permission.TEAM_VIEW)
    public List<UserView> users(@Caller Principal.Member me) {
        return team.users(me);
    }

    @Post("/team/invitations")
    @RequiresPermission(Permission.TEAM_MANAGE)
    public HttpResponse<TeamRequests.Invitation> invite(@Caller Principal.Member me, @Body @Nullable TeamRequests.InviteRequest body) {
        return HttpResponse.created(team.invite(me, require(body, "Send the email, name and roleId of the person to invite.")));
    }

    @Patch("/team/users/{id}")
    @RequiresPermission(Permission.TEAM_MANAGE)
    public UserView update(@Caller Principal.Member me, @PathVariable long id, @Body @Nullable TeamRequests.UpdateUserRequest body) {
        return team.update(me, id, require(body, "Send roleId and/or active."));
    }

    @Get("/roles")
    @RequiresPermission({Permission.TEAM_VIEW, Permission.ROLE_MANAGE})
    public List<RoleView> roles(@Caller Principal.Member me) {
        return team.roles(me);
    }

    @Post("/roles")
    @RequiresPermission(Permission.ROLE_MANAGE)
    public HttpResponse<RoleView> createRole(@Caller Principal.Member me, @Body @Nullable TeamRequests.RoleRequest body) {
        return HttpResponse.created(team.createRole(me, require(body, "Send the role's name and permissions.")));
    }

    @Put("/roles/{id}")
    @RequiresPermission(Permission.ROLE_MANAGE)
    public RoleView updateRole(@Caller Principal.Member me, @PathVariable long id, @Body @Nullable TeamRequests.RoleRequest body) {
        return team.updateRole(me, id, require(body, "Send the role's name and permissions."));
    }

    @Delete("/roles/{id}")
    @RequiresPermission(Permission.ROLE_MANAGE)
    public HttpResponse<Void> deleteRole(@Caller Principal.Member me, @PathVariable long id) {
        team.deleteRole(me, id);
        return HttpResponse.noContent();
    }
}
