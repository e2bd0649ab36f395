package kyodo.ops.console;

import kyodo.kernel.problem.KyodoProblemException;
import kyodo.query.web.QuerySettings;
import kyodo.query.web.ReadAfterWrite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The console's and residents' pages wait for their read models up to the pages' bound; every other path
 * (the API, the public portal) keeps the API's. Here the API's bound is 200 ms and the pages' 60 s: a page
 * reads a version the read model reaches after 500 ms; elsewhere a version never reached is a 503 (after
 * 200 ms, not 60 s).
 */
class SignedInPageReadsTest {

    private final ReadAfterWrite reads = new ReadAfterWrite(
            new QuerySettings(Duration.ofMillis(200), Duration.ofSeconds(60)));
    private final AtomicLong version = new AtomicLong(1);
    private Thread projector;

    @AfterEach
    void stop() throws InterruptedException {
        if (projector != null) {
            projector.interrupt();
            projector.join(5_000);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console", "/console/proposals/p-1", "/resident", "/resident/proposals/p-1"})
    void aSignedInPageWaitsUntilTheReadModelHasTheVersion(String path) {
        projectAfterHalfASecond();

        filter(path).block();

        assertThat(version.get()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/proposals/p-1", "/proposals/p-1", "/consoles", "/residents"})
    void anyOtherPathKeepsTheApisBound(String path) {
        assertThatThrownBy(() -> filter(path).block()).isInstanceOfSatisfying(KyodoProblemException.class,
                problem -> assertThat(problem.type().slug()).isEqualTo("read-model-lagging"));
    }

    private Mono<Void> filter(String path) {
        WebFilterChain read = exchange -> reads.read(() -> Optional.of(version.get()), v -> v, 2L).then();
        return new SignedInPageReads().filter(MockServerWebExchange.from(MockServerHttpRequest.get(path)), read);
    }

    private void projectAfterHalfASecond() {
        projector = new Thread(() -> {
            try {
                Thread.sleep(500);
                version.set(2);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        projector.start();
    }
}
