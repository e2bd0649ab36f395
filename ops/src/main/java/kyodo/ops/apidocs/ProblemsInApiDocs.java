package kyodo.ops.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import kyodo.kernel.problem.ProblemRendering;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every error answer of the OpenAPI document as the one renderer writes it (ADR 16, ADR 29): content
 * {@code application/problem+json} with the shared {@link ProblemSchema}, {@code Content-Language}, and
 * {@code Retry-After} on a 429 or 503. The customizers that say which statuses a route can answer
 * ({@link RouteProblemsInApiDocs}, the command side's and the query side's: operation customizers, which
 * springdoc runs before any document customizer) give each only its meaning; the answers that depend on a
 * route's path ({@link PathAnswers}, the security edge's) are added here first, since springdoc runs
 * document customizers in no set order. Then every 4xx and 5xx gets its shape, once, as a response of the
 * components that each operation refers to: the same meaning of a status is written once in the document.
 */
@Component
public class ProblemsInApiDocs implements OpenApiCustomizer {

    private static final String RESPONSES = "#/components/responses/";

    private final List<PathAnswers> pathAnswers;

    ProblemsInApiDocs(List<PathAnswers> pathAnswers) {
        this.pathAnswers = List.copyOf(pathAnswers);
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.components(new Components());
        }
        openApi.getComponents().addSchemas(ProblemSchema.NAME, ProblemSchema.problem())
                .addSchemas(ProblemSchema.FIELD_VIOLATION, ProblemSchema.fieldViolation())
                .addHeaders("Content-Language", new Header().schema(new StringSchema()._enum(List.of("ja", "en")))
                        .description("ja unless Accept-Language asked for en; the title follows it"))
                .addHeaders("Retry-After", new Header().schema(new IntegerSchema().minimum(BigDecimal.ONE))
                        .description("seconds to wait before trying again"));
        if (openApi.getPaths() == null) {
            return;
        }
        pathAnswers.forEach(answers -> answers.addTo(openApi));
        List<Operation> operations = new ArrayList<>();
        openApi.getPaths().values().forEach(item -> operations.addAll(item.readOperations()));
        Map<String, String> names = names(operations);
        names.forEach((key, name) -> openApi.getComponents().addResponses(name, problem(status(key), meaning(key))));
        for (Operation operation : operations) {
            if (operation.getResponses() == null) {
                continue;
            }
            ApiResponses sorted = new ApiResponses();
            new TreeMap<>(operation.getResponses()).forEach((status, response) -> sorted.addApiResponse(status,
                    problem(status) && response.get$ref() == null
                            ? new ApiResponse().$ref(RESPONSES + names.get(key(status, response))) : response));
            sorted.setExtensions(operation.getResponses().getExtensions());
            operation.responses(sorted);
        }
    }

    /**
     * Documents that the operation can answer the status with that meaning; after any meaning already given
     * to the status, each said once.
     */
    public static void say(Operation operation, String status, String meaning) {
        if (operation.getResponses() == null) {
            operation.responses(new ApiResponses());
        }
        ApiResponse response = operation.getResponses().get(status);
        if (response == null) {
            operation.getResponses().addApiResponse(status, new ApiResponse().description(meaning));
        } else if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.description(meaning);
        } else if (!response.getDescription().contains(meaning)) {
            response.description(response.getDescription() + " " + meaning);
        }
    }

    /**
     * A name for each meaning of each status, the same on every start: {@code problem-412}, or
     * {@code problem-400-1}, {@code problem-400-2}, … in the order of their descriptions.
     */
    private static Map<String, String> names(List<Operation> operations) {
        Map<String, TreeSet<String>> meanings = new TreeMap<>();
        for (Operation operation : operations) {
            if (operation.getResponses() != null) {
                operation.getResponses().forEach((status, response) -> {
                    if (problem(status) && response.get$ref() == null) {
                        meanings.computeIfAbsent(status, s -> new TreeSet<>()).add(key(status, response));
                    }
                });
            }
        }
        Map<String, String> names = new TreeMap<>();
        meanings.forEach((status, keys) -> {
            int n = 0;
            for (String key : keys) {
                names.put(key, "problem-" + status + (keys.size() == 1 ? "" : "-" + ++n));
            }
        });
        return names;
    }

    private static ApiResponse problem(String status, String meaning) {
        ApiResponse response = new ApiResponse().description(meaning)
                .content(new Content().addMediaType(ProblemRendering.CONTENT_TYPE,
                        new MediaType().schema(new Schema<>().$ref(ProblemSchema.REF))))
                .addHeaderObject("Content-Language", new Header().$ref("#/components/headers/Content-Language"));
        if (status.equals("429") || status.equals("503")) {
            response.addHeaderObject("Retry-After", new Header().$ref("#/components/headers/Retry-After"));
        }
        return response;
    }

    private static boolean problem(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }

    private static String key(String status, ApiResponse response) {
        return status + " " + (response.getDescription() == null ? "" : response.getDescription());
    }

    private static String status(String key) {
        return key.substring(0, key.indexOf(' '));
    }

    private static String meaning(String key) {
        return key.substring(key.indexOf(' ') + 1);
    }
}
