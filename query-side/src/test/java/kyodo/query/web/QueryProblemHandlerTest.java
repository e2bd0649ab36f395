package kyodo.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryProblemHandlerTest {

    private static final ProblemType ALREADY_DECIDED =
            new ProblemType("proposal-already-decided", 409, "既に決定済みです", "Already decided");

    private final ObjectMapper mapper = new ObjectMapper();
    private final QueryProblemHandler handler = new QueryProblemHandler();

    @Test
    void kyodoProblemKeepsItsTypeDetailErrorsAndProperties() {
        KyodoProblemException problem = new KyodoProblemException(ALREADY_DECIDED, "Proposal p-1 was accepted.",
                List.of(new FieldViolation("status", "is ACCEPTED")), Map.of("currentStatus", "ACCEPTED"));

        assertThat(QueryProblemHandler.toProblem(problem)).isEqualTo(new ProblemDetails("proposal-already-decided",
                409, "既に決定済みです", "Already decided", "Proposal p-1 was accepted.",
                List.of(new FieldViolation("status", "is ACCEPTED")), Map.of("currentStatus", "ACCEPTED")));
    }

    @Test
    void readModelLaggingStaysA503() {
        KyodoProblemException lagging = new KyodoProblemException(CommonProblems.READ_MODEL_LAGGING, "retry");

        assertThat(QueryProblemHandler.toProblem(lagging))
                .isEqualTo(ProblemDetails.of(CommonProblems.READ_MODEL_LAGGING, "retry"));
    }

    @Test
    void responseStatusNotFoundIsTheNotFoundProblem() {
        ProblemDetails problem = QueryProblemHandler.toProblem(new ResponseStatusException(HttpStatus.NOT_FOUND));

        assertThat(problem).isEqualTo(ProblemDetails.of(CommonProblems.NOT_FOUND, "No such resource."));
        assertThat(problem.slug()).isEqualTo("not-found");
        assertThat(problem.status()).isEqualTo(404);
    }

    @Test
    void badQueryParameterIsInvalidInputNamingTheParameter() throws Exception {
        MethodParameter parameter = new MethodParameter(
                Sample.class.getDeclaredMethod("search", Long.class), 0);
        parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());

        ProblemDetails problem = QueryProblemHandler.toProblem(
                new ServerWebInputException("Type mismatch.", parameter));

        assertThat(problem).isEqualTo(ProblemDetails.of(CommonProblems.INVALID_INPUT, "A query parameter is invalid.",
                List.of(new FieldViolation("minVersion", "wrong type or format"))));
        assertThat(problem.slug()).isEqualTo("invalid-input");
        assertThat(problem.status()).isEqualTo(400);
    }

    @Test
    void badInputWithoutAParameterIsInvalidInputWithAnEmptyFieldName() {
        ProblemDetails problem = QueryProblemHandler.toProblem(new ServerWebInputException("Type mismatch."));

        assertThat(problem).isEqualTo(ProblemDetails.of(CommonProblems.INVALID_INPUT, "A query parameter is invalid.",
                List.of(new FieldViolation("", "wrong type or format"))));
    }

    @Test
    void unsupportedMethodIs405() {
        ProblemDetails problem = QueryProblemHandler.toProblem(
                new MethodNotAllowedException(HttpMethod.POST, Set.of(HttpMethod.GET)));

        assertThat(problem).isEqualTo(ProblemDetails.of(CommonProblems.METHOD_NOT_ALLOWED,
                "This method is not supported here."));
    }

    @Test
    void unavailableRepresentationIs406NamingWhatTheRouteOffers() {
        NotAcceptableStatusException offered = new NotAcceptableStatusException(List.of(MediaType.APPLICATION_JSON,
                MediaType.parseMediaType("text/csv"), MediaType.APPLICATION_NDJSON, MediaType.APPLICATION_JSON));

        ProblemDetails english = QueryProblemHandler.toProblem(offered, java.util.Locale.ENGLISH);
        ProblemDetails japanese = QueryProblemHandler.toProblem(offered);

        assertThat(english.status()).isEqualTo(406);
        assertThat(english.slug()).isEqualTo(CommonProblems.NOT_ACCEPTABLE.slug());
        assertThat(english.detail())
                .isEqualTo("Available as application/json, text/csv, application/x-ndjson; ask for one of these in Accept.");
        assertThat(japanese.detail()).isEqualTo(
                "application/json, text/csv, application/x-ndjson のいずれかで返せます。Accept ヘッダーでどれかを指定してください。");
        assertThat(english.properties()).containsEntry("offered",
                List.of("application/json", "text/csv", "application/x-ndjson"));
    }

    @Test
    void anythingElseIsAnInternalErrorThatNeverLeaksTheMessage() {
        ProblemDetails problem = QueryProblemHandler.toProblem(
                new IllegalStateException("connection to mongodb://admin:s3cret@db failed"));

        assertThat(problem).isEqualTo(new ProblemDetails("internal-error", 500, "内部エラーが発生しました",
                "Internal error", null, List.of(), Map.of()));
        assertThat(problem.toString()).doesNotContain("s3cret").doesNotContain("mongodb://");
    }

    @Test
    void handlerAnswersProblemJsonWithTheProblemsStatus() throws Exception {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/proposals/p-9"));

        handler.handle(exchange, new KyodoProblemException(CommonProblems.NOT_FOUND, "No proposal with that id."))
                .block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getHeaders().containsKey("Retry-After")).isFalse();
        JsonNode body = mapper.readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(body).isEqualTo(mapper.readTree("""
                {"type":"/problems/not-found","title":"見つかりません","status":404,
                 "detail":"No proposal with that id.","instance":"/api/proposals/p-9"}"""));
    }

    @Test
    void handlerAsksToRetryALaggingReadModelInOneSecond() throws Exception {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest
                .get("/api/proposals/p-1").queryParam("minVersion", "4").header("Accept-Language", "en"));

        handler.handle(exchange, new KyodoProblemException(CommonProblems.READ_MODEL_LAGGING,
                "The read model has not reached version 4 yet; retry shortly.")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().get("Retry-After")).containsExactly("1");
        JsonNode body = mapper.readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(body).isEqualTo(mapper.readTree("""
                {"type":"/problems/read-model-lagging","title":"The read model has not caught up yet","status":503,
                 "detail":"The read model has not reached version 4 yet; retry shortly.",
                 "instance":"/api/proposals/p-1"}"""));
    }

    @Test
    void handlerNeverWritesTheMessageOfAnUnexpectedFailure() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/proposals/p-1"));

        handler.handle(exchange, new IllegalStateException("password=s3cret")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getBodyAsString().block()).doesNotContain("s3cret")
                .contains("\"type\":\"/problems/internal-error\"");
    }

    @Test
    void handlerLeavesACommittedResponseAlone() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/proposals/p-1"));
        exchange.getResponse().setComplete().block();
        IllegalStateException failure = new IllegalStateException("late failure");

        assertThatThrownBy(() -> handler.handle(exchange, failure).block()).isSameAs(failure);
    }

    /** Only here to give a {@link MethodParameter} a real name. */
    static class Sample {
        @SuppressWarnings("unused")
        void search(Long minVersion) {
        }
    }
}
