package id.orqestra.cloud.testing;

import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.tenant.access.PlatformAdminOnly;
import id.orqestra.cloud.tenant.access.PublicEndpoint;
import id.orqestra.cloud.tenant.access.RequiresPermission;
import id.orqestra.cloud.tenant.access.SignedIn;
import id.orqestra.model.tenant.Permission;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;

import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@code /api/v1} route as the router knows it, with its access rule and an example body, so
 * that tests cover a new endpoint the moment it exists. Example bodies come from a static
 * {@code example()} method on the body's type when it has one.
 */
public final class RouteCatalog {

    public enum Rule { PUBLIC, SIGNED_IN, PERMISSION, PLATFORM_ADMIN, NONE }

    public record Route(HttpMethod method, String template, List<String> variables, Rule rule,
                        List<Permission> permissions, String exampleBody) {

        public String expand(Map<String, Object> values) {
            String path = template;
            for (String variable : variables) {
                path = path.replaceAll("\\{" + variable + "(:[^}]*)?}", String.valueOf(values.get(variable)));
            }
            // optional query variables ({?x,y}) are left out
            return path.replaceAll("\\{\\?[^}]*}", "");
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private RouteCatalog() {
    }

    public static List<Route> apiRoutes(Router router) {
        return router.uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api/v1"))
                // WebSocket endpoints answer upgrades, not plain requests; SyncSocketTest covers them over a socket
                .filter(r -> !r.getTargetMethod().hasAnnotation(io.micronaut.websocket.annotation.OnOpen.class))
                .map(RouteCatalog::describe)
                .sorted(Comparator.comparing(Route::toString))
                .toList();
    }

    private static Route describe(UriRouteInfo<?, ?> route) {
        AnnotationMetadata metadata = route.getTargetMethod().getAnnotationMetadata();
        Rule rule;
        List<Permission> permissions = List.of();
        if (metadata.hasAnnotation(PublicEndpoint.class)) {
            rule = Rule.PUBLIC;
        } else if (metadata.hasAnnotation(SignedIn.class)) {
            rule = Rule.SIGNED_IN;
        } else if (metadata.hasAnnotation(PlatformAdminOnly.class)) {
            rule = Rule.PLATFORM_ADMIN;
        } else if (metadata.hasAnnotation(RequiresPermission.class)) {
            rule = Rule.PERMISSION;
            permissions = List.of(metadata.enumValues(RequiresPermission.class, Permission.class));
        } else {
            rule = Rule.NONE;
        }
        String template = route.getUriMatchTemplate().toString();
        List<String> variables = route.getUriMatchTemplate().getVariableNames();
        return new Route(route.getHttpMethod(), template, variables, rule, permissions,
                exampleBody(route.getBodyArgument()));
    }

    private static String exampleBody(Optional<Argument<?>> body) {
        if (body.isEmpty()) {
            return null;
        }
        Class<?> type = body.get().getType();
        try {
            Method example = type.getMethod("example");
            return Json.write(example.invoke(null));
        } catch (NoSuchMethodException e) {
            return "{}";
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("example() of " + type + " failed", e);
        }
    }
}
