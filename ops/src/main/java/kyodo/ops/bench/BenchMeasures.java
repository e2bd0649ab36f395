package kyodo.ops.bench;

import kyodo.ops.cli.ProcessorProgress;
import kyodo.ops.cli.ProjectionsCli;
import kyodo.ops.startup.OpsStores;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** What the bench commands measure on a platform and its process: events, catch-up, RSS, disk, CPU, a raw scan. */
final class BenchMeasures {

    private BenchMeasures() {
    }

    /**
     * Events in the store: counted in the event table on the JDBC store (its positions may have gaps),
     * else the head position + 1.
     */
    static long eventCount(ConfigurableApplicationContext context, long head) {
        JdbcTemplate jdbc = context.getBeanProvider(JdbcTemplate.class).getIfAvailable();
        if (jdbc == null) {
            return head + 1;
        }
        try {
            Long count = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
            return count == null ? head + 1 : count;
        } catch (DataAccessException e) {
            return head + 1;
        }
    }

    static Path dataDir(ConfigurableApplicationContext context) {
        return OpsStores.dataDir(context.getEnvironment());
    }

    /**
     * Waits until every processor has handled the head, drawing events handled and events/s.
     *
     * @return whether they caught up in time
     */
    static boolean awaitCatchUp(Map<String, StreamingEventProcessor> processors, long head, Duration timeout,
                                PrintStream progress) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (!ProcessorProgress.caughtUp(processors.values(), head)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (progress != null) {
                long handled = processors.values().stream()
                        .mapToLong(p -> Math.min(ProcessorProgress.position(p), head) + 1).sum();
                progress.printf(Locale.ROOT, "\r  %,d/%,d events handled over %d processors, %.0f s", handled,
                        (head + 1) * processors.size(), processors.size(), seconds(started));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (progress != null) {
            progress.println();
        }
        return true;
    }

    /** VmRSS of a local process ({@code self} for this one), in MB, from {@code /proc}. */
    static String rss(String pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", pid, "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> String.format(Locale.ROOT, "%.0f",
                            Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0))
                    .orElse("not reported");
        } catch (IOException e) {
            return "not readable (" + pid + " is not a local process)";
        }
    }

    /** Bytes of every file under a directory; 0 when it does not exist. */
    static long size(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new BenchException("cannot measure " + dir + ": " + e.getMessage(), e);
        }
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** CPU time this process has used (all threads), or 0 where the JVM does not say. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    /** What a plain read of every row of the event table took: the ceiling a replay is compared with. */
    record RawScan(long rows, long bytes, double seconds) {
    }

    /**
     * Reads every event's payload and metadata in order straight from the event table (JDBC store
     * only; null on another store), as fast as JDBC gives them.
     */
    static RawScan rawScan(ConfigurableApplicationContext context) {
        JdbcTemplate jdbc = context.getBeanProvider(JdbcTemplate.class).getIfAvailable();
        if (jdbc == null) {
            return null;
        }
        long started = System.nanoTime();
        long[] rowsAndBytes = new long[2];
        JdbcTemplate scan = new JdbcTemplate(Objects.requireNonNull(jdbc.getDataSource()));
        scan.setFetchSize(1_000);
        try {
            scan.query("SELECT globalIndex, payload, metaData FROM DomainEventEntry ORDER BY globalIndex", row -> {
                rowsAndBytes[0]++;
                byte[] payload = row.getBytes(2);
                byte[] metaData = row.getBytes(3);
                rowsAndBytes[1] += (payload == null ? 0 : payload.length) + (metaData == null ? 0 : metaData.length);
            });
        } catch (DataAccessException e) {
            return null;
        }
        return new RawScan(rowsAndBytes[0], rowsAndBytes[1], Math.max(1e-9, seconds(started)));
    }

    /** The streaming processors of the query side's projections, by processing group. */
    static Map<String, StreamingEventProcessor> projections(ConfigurableApplicationContext context,
                                                            Map<String, StreamingEventProcessor> streaming) {
        Map<String, StreamingEventProcessor> projections = new LinkedHashMap<>();
        ProjectionsCli.projectionGroups(context).stream().filter(streaming::containsKey)
                .forEach(group -> projections.put(group, streaming.get(group)));
        return projections;
    }
}
