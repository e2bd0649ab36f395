package kyodo.ops.apidocs;

import io.swagger.v3.oas.models.OpenAPI;

/**
 * Answers of the OpenAPI document that depend on a route's path rather than on its handler (a handler can
 * serve a staff and a public path alike): the security edge's areas. {@link ProblemsInApiDocs} adds them
 * before it shapes the problems, through {@link ProblemsInApiDocs#say}.
 */
@FunctionalInterface
public interface PathAnswers {

    void addTo(OpenAPI openApi);
}
