package id.orqestra.cloud.tenant.access;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Binds the caller by type for a controller parameter without {@link Caller}. Prefer {@code @Caller},
 * which also keeps the parameter out of the OpenAPI document.
 */
public final class PrincipalBinders {

    private PrincipalBinders() {
    }

    @Singleton
    public static class MemberBinder implements TypedRequestArgumentBinder<Principal.Member> {
        @Override
        public Argument<Principal.Member> argumentType() {
            return Argument.of(Principal.Member.class);
        }

        @Override
        public BindingResult<Principal.Member> bind(ArgumentConversionContext<Principal.Member> context,
                                                    HttpRequest<?> source) {
            Optional<Principal.Member> member = source.getAttribute(AccessFilter.PRINCIPAL, Principal.class)
                    .filter(Principal.Member.class::isInstance)
                    .map(Principal.Member.class::cast);
            return () -> member;
        }
    }

    @Singleton
    public static class PlatformAdminBinder implements TypedRequestArgumentBinder<Principal.PlatformAdmin> {
        @Override
        public Argument<Principal.PlatformAdmin> argumentType() {
            return Argument.of(Principal.PlatformAdmin.class);
        }

        @Override
        public BindingResult<Principal.PlatformAdmin> bind(ArgumentConversionContext<Principal.PlatformAdmin> context,
                                                           HttpRequest<?> source) {
            Optional<Principal.PlatformAdmin> admin = source.getAttribute(AccessFilter.PRINCIPAL, Principal.class)
                    .filter(Principal.PlatformAdmin.class::isInstance)
                    .map(Principal.PlatformAdmin.class::cast);
            return () -> admin;
        }
    }
}
