package kyodo.ops.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThatCode;

class WrkRowTest {

    @Test
    void theRowIsWhatTheScriptPrintedWithErrorsByStatusAndUnansweredAsZero() {
        LoadRow row = WrkRow.parse("GET /x", """
                Running 10s test @ http://localhost:8080/
                  2 threads and 50 connections
                kyodo-wrk requests 12000
                kyodo-wrk seconds 10.002000
                kyodo-wrk socket-errors 3
                kyodo-wrk p50 12500
                kyodo-wrk p95 48000
                kyodo-wrk p99 91250
                kyodo-wrk status 200 11990
                kyodo-wrk status 304 2
                kyodo-wrk status 503 5
                """);
        assertThat(row.requests()).isEqualTo(12000);
        assertThat(row.seconds()).isEqualTo(10.002);
        assertThat(row.latencies()).isEqualTo(new LoadRow.Latencies(12.5, 48.0, 91.25));
        assertThat(row.errors()).isEqualTo(8);
        assertThat(row.errorStatuses()).isEqualTo(Map.of(0, 3L, 503, 5L));
        assertThat(row.skipped()).isNull();
    }

    @Test
    void outputWithoutTheFiguresIsRefusedWithWhatWrkSaid() {
        assertThatThrownBy(() -> WrkRow.parse("GET /x", "unable to connect to localhost:1 Connection refused"))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("no requests").hasMessageContaining("Connection refused");
    }

    /** The script itself, through the wrk of this machine (Debian's package), when it has one. */
    @Test
    void wrkSendsThePathsInTurnWithTheHeaderAndCountsAnswersByStatus() throws Exception {
        assumeThatCode(WrkRow::find).doesNotThrowAnyException();
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        AtomicInteger authorized = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.computeIfAbsent(exchange.getRequestURI().toString(), k -> new AtomicInteger()).incrementAndGet();
            if ("Basic eDp5".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                authorized.incrementAndGet();
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getQuery().contains("ward=2") ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            LoadRow row = WrkRow.run(WrkRow.find(), url, "GET /p", List.of("/p?ward=1", "/p?ward=2"),
                    Map.of("Authorization", "Basic eDp5"), 2, Duration.ofSeconds(1));
            long one = seen.get("/p?ward=1").get();
            long two = seen.get("/p?ward=2").get();
            assertThat(row.requests()).isPositive().isLessThanOrEqualTo(one + two);
            assertThat(authorized.get()).isEqualTo((int) (one + two));
            assertThat(Math.abs(one - two)).isLessThanOrEqualTo(2);
            assertThat(row.errorStatuses()).containsOnlyKeys(404);
            assertThat(row.errors()).isEqualTo(row.errorStatuses().get(404)).isBetween(two - 2, two);
            assertThat(row.latencies().p50()).isPositive().isLessThanOrEqualTo(row.latencies().p99());
        } finally {
            server.stop(0);
        }
    }
}
