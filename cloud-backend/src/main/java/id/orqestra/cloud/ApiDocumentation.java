package id.orqestra.cloud;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;

/**
 * The OpenAPI document of the whole API, generated at compile time from the controllers and served at
 * {@code /openapi/orqestra.yml}.
 */
@OpenAPIDefinition(info = @Info(title = "Orqestra", version = "0.1",
        description = "WhatsApp Business and Instagram inbox for support teams. Bearer tokens come from POST /api/v1/auth/login; "
                + "errors are application/problem+json with a detail sentence."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
final class ApiDocumentation {

    private ApiDocumentation() {
    }
}
