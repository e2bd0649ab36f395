package kyodo.ops.apidocs;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static kyodo.ops.apidocs.ProblemsInApiDocs.say;

/**
 * The problems any route can answer by what it is, whoever wrote it, said once here rather than on
 * each route: read off the operation springdoc built (its parameters and body) and the handler's
 * mapping. The sides add what only they know (a command's 409, 412, 422, 503 and 504; a read's 503
 * while the read model catches up), the security edge the area's 401, 403 and 429;
 * {@link ProblemsInApiDocs} gives them all the problem+json shape.
 *
 * <ul>
 *   <li>400 on every route: the firewall and the path filter refuse a URL or header they cannot read
 *   ({@code malformed-request}); with a body, query parameters, headers or path variables that are values
 *   (a ward, a year) rather than identifiers also {@code invalid-input} naming each.</li>
 *   <li>404 on a route with a path variable (the subject it names is unknown), except a PUT, which sets
 *   the resource its path names.</li>
 *   <li>406 on every route ({@code not-acceptable}, with the media types it {@code offered}).</li>
 *   <li>413 and 415 on a route that reads a body (over the body limit; not JSON).</li>
 *   <li>500 on every route: a fault of ours, with nothing but its type.</li>
 * </ul>
 */
@Component
class RouteProblemsInApiDocs implements OperationCustomizer {

    /** Path variables that name a subject (a proposal's id, an account, a tile's path) rather than a value. */
    private static final Set<String> IDENTIFIERS = Set.of("id", "subjectId", "username", "path");

    static final String MALFORMED = "malformed-request: the URL or a header holds characters that are not accepted";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (!handler.getBeanType().getPackageName().startsWith("kyodo.")) {
            return operation;
        }
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        boolean body = operation.getRequestBody() != null;
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean pathVariable = parameters.stream().anyMatch(p -> "path".equals(p.getIn()));
        // an identifier in the path is looked up, not checked: a bad one is unknown (404), not invalid
        boolean checkedParameters = parameters.stream()
                .anyMatch(p -> !"path".equals(p.getIn()) || !IDENTIFIERS.contains(p.getName()));
        List<String> bad = new ArrayList<>();
        if (body) {
            bad.add("invalid-input: a field of the body is invalid, each named in errors; malformed-request: the body "
                    + "is not one JSON object in UTF-8");
        }
        if (checkedParameters) {
            bad.add("invalid-input: a parameter or header is invalid, named in errors");
        }
        bad.add(MALFORMED);
        say(operation, "400", String.join(". ", bad) + ".");
        if (pathVariable && !puts(handler)) {
            say(operation, "404", "not-found: nothing known has the id or key of the path (also an id of another "
                    + "kind of subject)");
        }
        say(operation, "406", "not-acceptable: none of the media types Accept asks for is offered; offered lists the "
                + "route's");
        if (body) {
            say(operation, "413", "payload-too-large: the body is over the limit (64 KiB by default); nothing was read");
            say(operation, "415", "unsupported-media-type: send the body as application/json");
        }
        say(operation, "500", "internal-error: a fault of ours; the answer names nothing more");
        return operation;
    }

    private static boolean puts(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping != null && List.of(mapping.method()).contains(RequestMethod.PUT);
    }
}
