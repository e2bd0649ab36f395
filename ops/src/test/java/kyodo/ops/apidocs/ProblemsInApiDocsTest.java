package kyodo.ops.apidocs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.ProblemDetails;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsInApiDocsTest {

    @Test
    void theSchemaNamesEveryMemberTheRendererWrites() {
        ProblemDetails problem = new ProblemDetails("proposal-already-decided", 409, "回答済み", "Decided", "detail",
                List.of(new FieldViolation("title", "must not be blank")), Map.of("currentStatus", "ACCEPTED"));
        assertThat(ProblemSchema.problem().getProperties().keySet())
                .containsAll(problem.toBody(Locale.ENGLISH, "/api/proposals/1/decision").keySet());
        assertThat(ProblemSchema.problem().getProperties().keySet())
                .containsAll(CommonProblems.notAcceptable(List.of("text/csv"), Locale.ENGLISH)
                        .toBody(null, "/analytics/budgets").keySet());
    }

    @Test
    void everyProblemIsOneSharedResponseInTheProblemShapeWithRetryAfterWhereTheRendererSendsOne() {
        Operation one = operation();
        Operation two = operation();
        ProblemsInApiDocs.say(two, "404", "not-found: something else.");
        OpenAPI openApi = new OpenAPI().paths(new Paths().addPathItem("/a", new PathItem().get(one))
                .addPathItem("/b", new PathItem().get(two)));
        new ProblemsInApiDocs(List.of(api -> ProblemsInApiDocs.say(one, "401", "unauthenticated."))).customise(openApi);

        assertThat(one.getResponses().keySet()).containsExactly("200", "401", "404", "503");
        assertThat(one.getResponses().get("200").get$ref()).isNull();
        String lagging = one.getResponses().get("503").get$ref();
        assertThat(lagging).isEqualTo(two.getResponses().get("503").get$ref()).isEqualTo("#/components/responses/problem-503");
        ApiResponse shared = openApi.getComponents().getResponses().get("problem-503");
        assertThat(shared.getContent().get("application/problem+json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(shared.getHeaders()).containsKeys("Retry-After", "Content-Language");
        assertThat(openApi.getComponents().getResponses().get("problem-401").getHeaders()).doesNotContainKey("Retry-After");
        assertThat(one.getResponses().get("404").get$ref()).isEqualTo("#/components/responses/problem-404-1");
        assertThat(openApi.getComponents().getResponses().get("problem-404-2").getDescription())
                .isEqualTo("not-found. not-found: something else.");
    }

    private static Operation operation() {
        Operation operation = new Operation().responses(new ApiResponses()
                .addApiResponse("503", new ApiResponse().description("unavailable."))
                .addApiResponse("200", new ApiResponse().description("OK")));
        ProblemsInApiDocs.say(operation, "404", "not-found.");
        ProblemsInApiDocs.say(operation, "404", "not-found.");
        return operation;
    }
}
