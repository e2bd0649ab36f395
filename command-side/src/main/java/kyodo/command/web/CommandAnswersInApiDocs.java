package kyodo.command.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;

/**
 * What a command route answers, in the OpenAPI document, said once here from what its handler is rather
 * than on each route: a creation ({@link PostCommand}) 201 with {@code Location} and the version as
 * {@code ETag}, a command on an aggregate ({@link PostToSubject}, or a route that takes {@code If-Match})
 * 200 with the version as {@code ETag} ({@link CommandAnswer}); 409 when a rule refuses or another change
 * was stored at the same moment, 412 for a stale {@code If-Match}, 400 and 422 for an {@code Idempotency-Key};
 * and on every command route (a POST, PUT or DELETE of the command side) what its 503 and 504 mean (ADR 28).
 * The problem+json shape of each is the all-in-one app's to give (ops, {@code ProblemsInApiDocs}).
 */
@Component
class CommandAnswersInApiDocs implements OperationCustomizer {

    static final String UNAVAILABLE = "Not done, and nothing changed: the command was withdrawn before it started "
            + "(command-withdrawn) or refused while too many were waiting (unavailable). Send it again after "
            + "Retry-After, with the same If-Match or Idempotency-Key.";
    static final String OUTCOME_UNKNOWN = "command-outcome-unknown: the command started but did not finish in "
            + "time (kyodo.command.outcome-wait) and may still be stored. Read the resource before sending it "
            + "again, or send it again with the same Idempotency-Key.";
    static final String REFUSED = "A rule refuses the command in the subject's present state: the type names the "
            + "rule (e.g. /problems/proposal-already-decided, with currentStatus). Or write-conflict: another change "
            + "to the subject was stored at the same moment and nothing of this request was; sending it again can pass.";
    static final String STALE = "stale-version: If-Match names a version the subject no longer has; nothing changed.";
    static final String KEY_REUSED = "idempotency-key-reused: the Idempotency-Key was used on this route with "
            + "another body; nothing was created.";
    static final String KEY_INVALID = "idempotency-key-invalid: the Idempotency-Key is malformed.";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (!handler.getBeanType().getPackageName().startsWith("kyodo.command.") || !changes(handler)) {
            return operation;
        }
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponses responses = operation.getResponses();
        boolean creation = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PostCommand.class);
        boolean onSubject = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PostToSubject.class)
                || takesHeader(handler, "If-Match");
        if (creation) {
            ApiResponse ok = responses.remove("200");
            responses.addApiResponse("201", (ok == null ? new ApiResponse() : ok)
                    .description("Created: {id, version: 0}; Location names the new subject.")
                    .addHeaderObject("Location", new Header().description("the new subject's path")
                            .schema(new StringSchema().format("uri-reference")))
                    .addHeaderObject("ETag", version()));
        } else if (onSubject && responses.get("200") != null) {
            responses.get("200").description("Done: the subject's id and its new version.")
                    .addHeaderObject("ETag", version());
        }
        if (creation || onSubject) {
            say(responses, "409", REFUSED);
        }
        if (onSubject) {
            say(responses, "412", STALE);
        }
        if (takesHeader(handler, "Idempotency-Key")) {
            say(responses, "400", KEY_INVALID);
            say(responses, "422", KEY_REUSED);
        }
        say(responses, "503", UNAVAILABLE);
        say(responses, "504", OUTCOME_UNKNOWN);
        return operation;
    }

    /**
     * Documents the status with that meaning, after any meaning another customizer gave it (they run in no
     * set order): one response per status, each meaning said once.
     */
    static void say(ApiResponses responses, String status, String meaning) {
        ApiResponse response = responses.get(status);
        if (response == null) {
            responses.addApiResponse(status, new ApiResponse().description(meaning));
        } else if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.description(meaning);
        } else if (!response.getDescription().contains(meaning)) {
            response.description(response.getDescription() + " " + meaning);
        }
    }

    private static Header version() {
        return new Header().description("the subject's version after the command, e.g. \"3\": send it as If-Match")
                .schema(new StringSchema());
    }

    private static boolean changes(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping != null && Arrays.stream(mapping.method()).anyMatch(method -> method == RequestMethod.POST
                || method == RequestMethod.PUT || method == RequestMethod.DELETE);
    }

    private static boolean takesHeader(HandlerMethod handler, String name) {
        return Arrays.stream(handler.getMethodParameters()).anyMatch(parameter -> {
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            return header != null && name.equalsIgnoreCase(header.name());
        }) || name.equals("If-Match") && Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> CommandSubject.class.equals(parameter.getParameterType()));
    }
}
