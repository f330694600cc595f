package id.orqestra.model.auth;

import id.orqestra.model.tenant.Permission;

import java.time.Instant;
import java.util.Set;

/**
 * What sign-in and refresh return: a short-lived bearer token, a rotating refresh token, and who the
 * user is, so the desktop can show or hide what the user may do.
 */
public record Session(
        String accessToken,
        Instant accessTokenExpiresAt,
        String refreshToken,
        UserProfile user) {

    public record UserProfile(
            long id,
            String email,
            String name,
            long organizationId,
            String organizationName,
            String roleName,
            Set<Permission> permissions) {
    }
}
