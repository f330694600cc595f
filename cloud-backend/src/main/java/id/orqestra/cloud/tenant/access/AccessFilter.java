package id.orqestra.cloud.tenant.access;

import id.orqestra.cloud.platform.web.Problems;
import id.orqestra.model.api.Problem;
import id.orqestra.model.tenant.Permission;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.RouteAttributes;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks every {@code /api/v1} request against the access rule its route declares. Fails closed: a
 * route that declares no rule is refused, so a new endpoint cannot be exposed by forgetting one.
 */
// the sync WebSocket is left out: its upgrade must not be handed to another thread, and it checks the
// same rule itself once open (SyncSocket)
@ServerFilter(patterns = "^/api/(?!v1/sync/ws(\\?|$)).*", patternStyle = FilterPatternStyle.REGEX)
public class AccessFilter {

    /** The title of a refusal because the caller's role lacks the route's permission. */
    public static final String MISSING_PERMISSION = "Missing permission";

    /** Request attribute holding the authenticated {@link Principal}. */
    public static final String PRINCIPAL = "orqestra.principal";

    private final TokenService tokens;
    private final PrincipalLoader principals;

    public AccessFilter(TokenService tokens, PrincipalLoader principals) {
        this.tokens = tokens;
        this.principals = principals;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<Problem> check(HttpRequest<?> request) {
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        if (route.isEmpty()) {
            return null; // no such route: the router answers 404 or 405 itself
        }
        AnnotationMetadata rule = route.get().getAnnotationMetadata();
        if (rule.hasAnnotation(PublicEndpoint.class)) {
            return null;
        }
        boolean signedIn = rule.hasAnnotation(SignedIn.class);
        boolean platformOnly = rule.hasAnnotation(PlatformAdminOnly.class);
        Permission[] needed = rule.enumValues(RequiresPermission.class, Permission.class);
        if (!signedIn && !platformOnly && needed.length == 0) {
            return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Route without access rule",
                    "This endpoint declares no access rule and is refused until it does.");
        }
        Optional<Principal> principal = bearer(request).flatMap(tokens::verify).flatMap(principals::load);
        if (principal.isEmpty()) {
            return Problems.of(HttpStatus.UNAUTHORIZED, "Not signed in",
                    "Sign in again: the access token is missing, expired or no longer valid.");
        }
        Principal who = principal.get();
        if (platformOnly) {
            if (!(who instanceof Principal.PlatformAdmin)) {
                return Problems.of(HttpStatus.FORBIDDEN, "Not allowed", "Only platform administrators may do this.");
            }
        } else if (!(who instanceof Principal.Member member)) {
            return Problems.of(HttpStatus.FORBIDDEN, "Not allowed",
                    "Platform administrators act through the platform endpoints, not inside an organization.");
        } else if (needed.length > 0 && Arrays.stream(needed).noneMatch(member::has)) {
            return Problems.of(HttpStatus.FORBIDDEN, MISSING_PERMISSION, "Your role does not include "
                    + Arrays.stream(needed).map(Permission::key).collect(Collectors.joining(" or "))
                    + ". Ask an admin of your organization.");
        }
        request.setAttribute(PRINCIPAL, who);
        return null;
    }

    static Optional<String> bearer(HttpRequest<?> request) {
        String header = request.getHeaders().getAuthorization().orElse(null);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).trim());
        }
        // WebSocket clients cannot always set headers
        return request.getParameters().getFirst("access_token");
    }
}
