package id.orqestra.cloud.tenant.access;

import io.micronaut.http.annotation.RequestAttribute;
import io.swagger.v3.oas.annotations.Parameter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the controller parameter that receives the authenticated caller, as {@link AccessFilter}
 * left it on the request. It is not part of the request a client sends, so the OpenAPI document omits it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER})
@RequestAttribute(AccessFilter.PRINCIPAL)
@Parameter(hidden = true)
public @interface Caller {
}
