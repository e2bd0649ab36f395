package kyodo.ops.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tells API clients how to sign in: the OpenAPI description names the two schemes (HTTP Basic for
 * local accounts, bearer JWT from the city's OIDC provider) and requires one of them on every
 * {@code /api} and {@code /analytics} operation; {@code /public} stays open.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsSecurity {

    @Bean
    OpenApiCustomizer signInSchemes() {
        return openApi -> {
            if (openApi.getInfo() == null) {
                openApi.info(new Info());
            }
            openApi.getInfo().title("kyodo 協働 API").description("Staff commands and reads under /api "
                    + "(STAFF, WARD_HEAD, ADMIN; ward-scoped), analytics under /analytics (ANALYST, ADMIN), "
                    + "public reads under /public (anyone). Errors are application/problem+json.");
            openApi.components(components(openApi));
            openApi.getComponents()
                    .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                            .description("A local kyodo account (embedded default)."))
                    .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                            .scheme("bearer").bearerFormat("JWT")
                            .description("An access token from the city's OIDC provider, with the kyodo role "
                                    + "and ward claims."));
            if (openApi.getPaths() != null) {
                openApi.getPaths().forEach((path, item) -> {
                    if (path.startsWith("/api") || path.startsWith("/analytics")) {
                        item.readOperations().forEach(op -> op
                                .addSecurityItem(new SecurityRequirement().addList("basic"))
                                .addSecurityItem(new SecurityRequirement().addList("bearer")));
                    }
                });
            }
        };
    }

    private static Components components(OpenAPI openApi) {
        return openApi.getComponents() == null ? new Components() : openApi.getComponents();
    }
}
