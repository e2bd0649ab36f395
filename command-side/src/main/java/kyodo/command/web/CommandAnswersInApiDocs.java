package kyodo.command.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;

/**
 * What a command's 503 and 504 mean (ADR 28), in the OpenAPI document of every command route (a POST,
 * PUT or DELETE of the command side), said once here rather than on each route.
 */
@Component
class CommandAnswersInApiDocs implements OperationCustomizer {

    static final String UNAVAILABLE = "Not done, and nothing changed: the command was withdrawn before it started "
            + "(command-withdrawn) or refused while too many were waiting (unavailable). Send it again after "
            + "Retry-After, with the same If-Match or Idempotency-Key.";
    static final String OUTCOME_UNKNOWN = "command-outcome-unknown: the command started but did not finish in "
            + "time (kyodo.command.outcome-wait) and may still be stored. Read the resource before sending it "
            + "again, or send it again with the same Idempotency-Key.";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (!handler.getBeanType().getPackageName().startsWith("kyodo.command.") || !changes(handler)) {
            return operation;
        }
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        operation.getResponses().addApiResponse("503", new ApiResponse().description(UNAVAILABLE));
        operation.getResponses().addApiResponse("504", new ApiResponse().description(OUTCOME_UNKNOWN));
        return operation;
    }

    private static boolean changes(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping != null && Arrays.stream(mapping.method()).anyMatch(method -> method == RequestMethod.POST
                || method == RequestMethod.PUT || method == RequestMethod.DELETE);
    }
}
