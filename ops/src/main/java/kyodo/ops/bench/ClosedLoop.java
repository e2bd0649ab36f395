package kyodo.ops.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The driver's own clients for one row ({@link LoadDriver} decides the rows, this runs one): {@code connections}
 * closed loops, each sending its next request as soon as the previous one answered, until the duration is over
 * or the requests run out; every latency recorded, a 4xx/5xx or a failed exchange counted as an error with its
 * status (0 for no answer).
 */
final class ClosedLoop {

    private final HttpClient http;
    private final int connections;

    ClosedLoop(HttpClient http, int connections) {
        this.http = http;
        this.connections = connections;
    }

    /** Says which row runs, how and for how long (stderr), when there is somewhere to say it. */
    void announce(PrintStream progress, String what, Duration duration) {
        if (progress != null) {
            progress.println("bench run: " + what + " (" + connections + " connections, "
                    + duration.toMillis() / 1000.0 + " s)");
        }
    }

    /**
     * Drives one row: the loops ask {@code next} for their requests (null when there are no more) and hand each
     * successful answer to {@code onSuccess}.
     *
     * @param progress where to say which row runs (stderr), or null
     */
    LoadRow drive(PrintStream progress, String what, Duration duration, Supplier<HttpRequest> next,
                  Consumer<HttpResponse<String>> onSuccess) {
        announce(progress, what, duration);
        ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(connections, r -> {
            Thread thread = new Thread(r, "bench-driver");
            thread.setDaemon(true);
            return thread;
        });
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        List<Future<?>> loops = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            loops.add(pool.submit(() -> {
                List<Long> mine = new ArrayList<>();
                // every connection sends at least once, also when the row's time passed before it started
                for (boolean first = true; (first || System.nanoTime() < deadline)
                        && !Thread.currentThread().isInterrupted(); first = false) {
                    HttpRequest request = next.get();
                    if (request == null) {
                        break;
                    }
                    long sent = System.nanoTime();
                    int status;
                    try {
                        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                        status = answer.statusCode();
                        if (status < 400) {
                            onSuccess.accept(answer);
                        }
                    } catch (IOException e) {
                        status = 0;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    mine.add(System.nanoTime() - sent);
                    if (status == 0 || status >= 400) {
                        errors.incrementAndGet();
                        statuses.merge(status, 1L, Long::sum);
                    }
                }
                samples.add(mine.stream().mapToLong(Long::longValue).toArray());
            }));
        }
        for (Future<?> loop : loops) {
            try {
                loop.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
                throw new BenchException("interrupted", e);
            } catch (ExecutionException e) {
                pool.shutdownNow();
                throw new BenchException(what + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return LoadRow.measured(what, errors.get(), new TreeMap<>(statuses), seconds, all);
    }
}
