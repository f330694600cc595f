package id.orqestra.cloud.tenant.auth;

import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.platform.web.ApiException;
import id.orqestra.cloud.tenant.access.Caller;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.cloud.tenant.access.PublicEndpoint;
import id.orqestra.cloud.tenant.access.SignedIn;
import id.orqestra.model.auth.AuthRequests;
import id.orqestra.model.auth.LoginRequest;
import id.orqestra.model.auth.Session;
import id.orqestra.model.tenant.TeamRequests;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Sign-in and the session around it. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthController {

    private final SessionService sessions;
    private final Tx tx;

    public AuthController(SessionService sessions, Tx tx) {
        this.sessions = sessions;
        this.tx = tx;
    }

    @Post("/auth/login")
    @PublicEndpoint
    public Session login(@Body @Nullable LoginRequest body, @Header("User-Agent") @Nullable String userAgent) {
        if (body == null) {
            throw ApiException.badRequest("Send your email and password as JSON: {\"email\": \"…\", \"password\": \"…\"}.");
        }
        return sessions.login(body.email(), body.password(), userAgent);
    }

    @Post("/auth/refresh")
    @PublicEndpoint
    public Session refresh(@Body @Nullable AuthRequests.RefreshRequest body) {
        return sessions.refresh(body == null ? null : body.refreshToken());
    }

    @Post("/auth/logout")
    @SignedIn
    public HttpResponse<Void> logout(@Caller Principal.Member me) {
        sessions.logout(me);
        return HttpResponse.noContent();
    }

    @Post("/auth/password")
    @SignedIn
    public HttpResponse<Void> changePassword(@Caller Principal.Member me, @Body @Nullable AuthRequests.PasswordChangeRequest body) {
        if (body == null) {
            throw ApiException.badRequest("Send the current and the new password.");
        }
        sessions.changePassword(me, body.currentPassword(), body.newPassword());
        return HttpResponse.noContent();
    }

    @Post("/auth/invitations/accept")
    @PublicEndpoint
    public Session acceptInvitation(@Body @Nullable TeamRequests.AcceptInvitationRequest body,
                                    @Header("User-Agent") @Nullable String userAgent) {
        if (body == null) {
            throw ApiException.badRequest("Send the invitation token, your name and a password.");
        }
        return sessions.acceptInvitation(body.token(), body.name(), body.password(), userAgent);
    }

    @Get("/me")
    @SignedIn
    public Session.UserProfile me(@Caller Principal.Member me) {
        return tx.inOrg(me.orgId(), h -> sessions.profile(h, me.userId()));
    }
}
