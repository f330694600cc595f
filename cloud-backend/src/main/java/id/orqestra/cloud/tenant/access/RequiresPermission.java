package id.orqestra.cloud.tenant.access;

import id.orqestra.model.tenant.Permission;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a route needs. Every {@code /api/v1} route declares exactly one access rule: this,
 * {@link SignedIn}, {@link PublicEndpoint} or {@link PlatformAdminOnly}; a route with none is refused.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD})
public @interface RequiresPermission {
    /** Any one of these suffices. */
    Permission[] value();
}
