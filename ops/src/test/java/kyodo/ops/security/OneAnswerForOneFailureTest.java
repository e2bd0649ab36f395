package kyodo.ops.security;

import kyodo.command.web.CommandProblemHandler;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.web.ProblemAnswers;
import kyodo.query.web.QueryProblemHandler;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same failure gets the same answer, to the byte, whether the command side, the query side or
 * the security edge raises it: they all hand their problem to the one renderer (ADR 16).
 */
class OneAnswerForOneFailureTest {

    private final CommandProblemHandler commandSide = new CommandProblemHandler();
    private final QueryProblemHandler querySide = new QueryProblemHandler();

    /** Status, the headers that describe the body, and the body's bytes, as a client receives them. */
    private record Answer(int status, String contentType, String contentLanguage, String retryAfter, byte[] body) {

        static Answer of(MockServerWebExchange exchange) {
            var response = exchange.getResponse();
            byte[] body = DataBufferUtils.join(response.getBody()).map(buffer -> {
                byte[] bytes = new byte[buffer.readableByteCount()];
                buffer.read(bytes);
                DataBufferUtils.release(buffer);
                return bytes;
            }).block();
            return new Answer(response.getStatusCode().value(), response.getHeaders().getFirst("Content-Type"),
                    response.getHeaders().getFirst("Content-Language"), response.getHeaders().getFirst("Retry-After"),
                    body);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static Answer answer(MockServerHttpRequest.BaseBuilder<?> request,
                                 Function<ServerWebExchange, Mono<Void>> raise) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        raise.apply(exchange).block();
        return Answer.of(exchange);
    }

    private static void assertSame(Answer first, Answer... others) {
        for (Answer other : others) {
            assertThat(other.status()).isEqualTo(first.status());
            assertThat(other.contentType()).isEqualTo(first.contentType()).isEqualTo("application/problem+json");
            assertThat(other.contentLanguage()).isEqualTo(first.contentLanguage());
            assertThat(other.retryAfter()).isEqualTo(first.retryAfter());
            assertThat(other.body()).as(other.text()).isEqualTo(first.body());
        }
    }

    @Test
    void invalidInputWithFieldErrorsIsAnsweredAlikeEverywhere() {
        KyodoProblemException invalid = new KyodoProblemException(CommonProblems.INVALID_INPUT,
                "The request has invalid fields.", List.of(new FieldViolation("proposer.name", "required"),
                new FieldViolation("ward", "unknown ward")), Map.of());
        var request = MockServerHttpRequest.post("/api/proposals").header("Accept-Language", "en");

        Answer command = answer(request, exchange -> commandSide.handle(exchange, invalid));
        Answer query = answer(request, exchange -> querySide.handle(exchange, invalid));
        Answer edge = answer(request, exchange -> ProblemAnswers.write(exchange, invalid.toDetails()));

        assertSame(command, query, edge);
        assertThat(command.status()).isEqualTo(400);
        assertThat(command.contentLanguage()).isEqualTo("en");
        assertThat(command.text()).isEqualTo("{\"type\":\"/problems/invalid-input\",\"title\":\"The input is invalid\","
                + "\"status\":400,\"detail\":\"The request has invalid fields.\",\"instance\":\"/api/proposals\","
                + "\"errors\":[{\"field\":\"proposer.name\",\"message\":\"required\"},"
                + "{\"field\":\"ward\",\"message\":\"unknown ward\"}]}");
    }

    @Test
    void notFoundIsAnsweredAlikeEverywhere() {
        KyodoProblemException missing = new KyodoProblemException(CommonProblems.NOT_FOUND, "No such resource.");
        var request = MockServerHttpRequest.get("/api/proposals/p-9");

        Answer command = answer(request, exchange -> commandSide.handle(exchange, missing));
        Answer query = answer(request, exchange -> querySide.handle(exchange, missing));
        Answer edge = answer(request, exchange -> ProblemAnswers.write(exchange, missing.toDetails()));

        assertSame(command, query, edge);
        assertThat(command.contentLanguage()).isEqualTo("ja");
        assertThat(command.retryAfter()).isNull();
        assertThat(command.text()).isEqualTo("{\"type\":\"/problems/not-found\",\"title\":\"見つかりません\",\"status\":404,"
                + "\"detail\":\"No such resource.\",\"instance\":\"/api/proposals/p-9\"}");
    }

    @Test
    void anUnavailabilityIsAnsweredAlikeEverywhereWithRetryAfter() {
        KyodoProblemException busy = new KyodoProblemException(CommonProblems.UNAVAILABLE,
                "Other decisions are being recorded; try again.");
        // on the command side it arrives as the command bus delivers it: the problem carried as details
        Throwable fromTheBus = new CompletionException(
                new CommandExecutionException(busy.getMessage(), null, busy.toDetails()));
        var request = MockServerHttpRequest.post("/api/proposals/p-1/decision").header("Accept-Language", "ja-JP");

        Answer command = answer(request, exchange -> commandSide.handle(exchange, fromTheBus));
        Answer query = answer(request, exchange -> querySide.handle(exchange, busy));
        Answer edge = answer(request, exchange -> ProblemAnswers.write(exchange, busy.toDetails()));

        assertSame(command, query, edge);
        assertThat(command.status()).isEqualTo(503);
        assertThat(command.retryAfter()).isEqualTo("1");
    }

    @Test
    void theEdgesUnauthorizedIsTheAnswerEitherSideGivesForTheSameRefusal() {
        String detail = "Sign in first: HTTP Basic with a kyodo account, or a bearer token from the city's sign-in "
                + "service.";
        KyodoProblemException unauthenticated = new KyodoProblemException(CommonProblems.UNAUTHENTICATED, detail);
        var request = MockServerHttpRequest.get("/api/proposals").header("Accept-Language", "en-GB");
        MockServerWebExchange atTheEdge = MockServerWebExchange.from(request);

        new EdgeAnswers("Basic realm=\"kyodo\"").commence(atTheEdge,
                new AuthenticationCredentialsNotFoundException("no credentials")).block();
        Answer edge = Answer.of(atTheEdge);
        Answer command = answer(request, exchange -> commandSide.handle(exchange, unauthenticated));
        Answer query = answer(request, exchange -> querySide.handle(exchange, unauthenticated));

        assertSame(edge, command, query);
        assertThat(edge.status()).isEqualTo(401);
        assertThat(atTheEdge.getResponse().getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Basic realm=\"kyodo\"");
        assertThat(edge.text()).startsWith("{\"type\":\"/problems/unauthenticated\",\"title\":\"Sign-in required\"");
    }

    @Test
    void theEdgesThrottleNamesItsOwnWait() {
        Answer throttled = answer(MockServerHttpRequest.get("/public/proposals"), exchange -> ProblemAnswers.write(
                exchange, ProblemDetails.of(CommonProblems.TOO_MANY_REQUESTS, "slow down").retryAfter(17)));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.retryAfter()).isEqualTo("17");
    }
}
