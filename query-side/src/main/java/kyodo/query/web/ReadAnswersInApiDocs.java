package kyodo.query.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * What only the query side knows a read can answer, in the OpenAPI document of every route that takes
 * {@code minVersion} ({@link ReadAfterWrite}): 503 {@code read-model-lagging} when the read model has not
 * reached that version within {@code kyodo.query.max-wait}; and the {@code ETag} of every document a
 * {@link DocumentReadController} answers with its version. Said once here rather than on each route;
 * what every route answers is the all-in-one app's to add, and the problem+json shape too.
 */
@Component
class ReadAnswersInApiDocs implements OperationCustomizer {

    static final String LAGGING = "read-model-lagging: the read model had not reached minVersion within "
            + "kyodo.query.max-wait (5 s); read again after Retry-After.";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (!handler.getBeanType().getPackageName().startsWith("kyodo.query.")) {
            return operation;
        }
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponse ok = operation.getResponses().get("200");
        if (ok != null && DocumentReadController.class.isAssignableFrom(handler.getBeanType())
                && ResolvableType.forMethodReturnType(handler.getMethod()).getGeneric(0).resolve() == ResponseEntity.class) {
            ok.addHeaderObject("ETag", new Header().schema(new StringSchema())
                    .description("the document's version, e.g. \"3\": send it as If-Match with a command"));
        }
        boolean waits = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> "query".equals(parameter.getIn()) && "minVersion".equals(parameter.getName()));
        if (!waits) {
            return operation;
        }
        ApiResponse lagging = operation.getResponses().get("503");
        if (lagging == null) {
            operation.getResponses().addApiResponse("503", new ApiResponse().description(LAGGING));
        } else if (lagging.getDescription() == null || !lagging.getDescription().contains(LAGGING)) {
            lagging.description(lagging.getDescription() == null ? LAGGING : lagging.getDescription() + " " + LAGGING);
        }
        return operation;
    }
}
