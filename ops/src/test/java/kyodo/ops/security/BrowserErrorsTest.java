package kyodo.ops.security;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An error page sends the {@code Retry-After} the API's answer to the same problem would send. */
class BrowserErrorsTest {

    private final BrowserErrors errors = new BrowserErrors("console/error", "/console", Object.class) {
    };

    @Test
    void a503WithoutAWaitOfItsOwnAsksForOneSecondAsTheApiDoes() {
        MockServerWebExchange exchange = exchange();
        errors.problem(new KyodoProblemException(CommonProblems.UNAVAILABLE, "busy"), exchange).block();
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
    }

    @Test
    void aLimitsOwnWaitIsSent() {
        MockServerWebExchange exchange = exchange();
        errors.problem(new KyodoProblemException(CommonProblems.TOO_MANY_REQUESTS, "slow down", List.of(),
                Map.of("retryAfter", 42L)), exchange).block();
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("42");
    }

    @Test
    void otherProblemsAskForNoWait() {
        MockServerWebExchange exchange = exchange();
        errors.problem(new KyodoProblemException(CommonProblems.NOT_FOUND, "none"), exchange).block();
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isNull();
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/console/proposals/1"));
    }
}
