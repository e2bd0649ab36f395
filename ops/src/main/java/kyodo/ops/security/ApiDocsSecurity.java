package kyodo.ops.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import kyodo.ops.apidocs.PathAnswers;
import kyodo.ops.apidocs.ProblemsInApiDocs;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tells API clients how to sign in: the OpenAPI description names the two schemes (HTTP Basic for
 * local accounts, bearer JWT from the city's OIDC provider) and requires one of them on every
 * {@code /api} and {@code /analytics} operation; {@code /public} stays open. And what the edge answers
 * there before any route runs ({@link EdgeAnswers}, {@link RateLimitFilter}): 401 and 403 on those, 429
 * while failed sign-ins are slowed down (local accounts), 429 on {@code /public} over the rate limit, and
 * the residents' redirect to their sign-in.
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

    /** What the edge answers before any route runs, by the area of the path. */
    @Bean
    PathAnswers edgeAnswers(SecuritySettings settings) {
        return openApi -> {
            if (openApi.getPaths() != null) {
                openApi.getPaths().forEach((path, item) -> {
                    if (path.startsWith("/api") || path.startsWith("/analytics")) {
                        item.readOperations().forEach(op -> signedIn(op, settings));
                    } else if (RateLimitFilter.isPublic(path) && settings.rateLimit().publicPerMinute() > 0) {
                        item.readOperations().forEach(op -> ProblemsInApiDocs.say(op, "429", "too-many-requests: "
                                + "over kyodo.security.rate-limit.public-per-minute from one address while not "
                                + "signed in; try again after Retry-After."));
                    } else if (path.startsWith("/resident/")) {
                        item.readOperations().forEach(ApiDocsSecurity::residentSignIn);
                    }
                });
            }
        };
    }

    private static void signedIn(Operation operation, SecuritySettings settings) {
        ProblemsInApiDocs.say(operation, "401", "unauthenticated: not signed in, or the credentials were not "
                + "accepted (WWW-Authenticate names the schemes).");
        ProblemsInApiDocs.say(operation, "403", "forbidden: the account's role, or its ward, does not allow this.");
        if (settings.localAccounts()) {
            ProblemsInApiDocs.say(operation, "429", "too-many-requests: failed sign-ins of this account from this "
                    + "address, or from this address, are slowed down; the password was not checked. Try again "
                    + "after Retry-After.");
        }
    }

    /** A residents' page not signed in: the browser is sent to the residents' sign-in, and back after it. */
    private static void residentSignIn(Operation operation) {
        operation.getResponses().addApiResponse("302", new ApiResponse()
                .description("Not signed in as a resident: to /resident/sign-in?continue=<this page>.")
                .addHeaderObject("Location", new Header().schema(new StringSchema())));
    }

    private static Components components(OpenAPI openApi) {
        return openApi.getComponents() == null ? new Components() : openApi.getComponents();
    }
}
