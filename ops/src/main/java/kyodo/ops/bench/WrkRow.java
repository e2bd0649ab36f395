package kyodo.ops.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A read row driven by {@code wrk} (Debian's package {@code wrk}): two threads holding the row's
 * connections, each sending its next request as soon as the previous one answered, as the driver's
 * own clients do, at a fraction of their cost on the machine's two cores. The script
 * {@code wrk-row.lua} sends the paths in turn with the row's headers and prints the figures the row
 * needs on lines starting with {@code kyodo-wrk}; wrk's percentiles are those of every request.
 */
final class WrkRow {

    private static final String SCRIPT = "wrk-row.lua";
    private static final String PREFIX = "kyodo-wrk ";

    private WrkRow() {
    }

    /** The {@code wrk} on the {@code PATH}, or a clear refusal naming the package to install. */
    static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path wrk = Path.of(dir.isEmpty() ? "." : dir, "wrk");
            if (Files.isExecutable(wrk)) {
                return wrk;
            }
        }
        throw new BenchException("--driver wrk needs the program wrk on the PATH (Debian: apt-get install wrk)");
    }

    static LoadRow run(Path wrk, URI url, String what, List<String> paths, Map<String, String> headers, int connections,
                       Duration duration) {
        Path script = null;
        try {
            script = Files.createTempFile("kyodo-wrk-", ".lua");
            try (InputStream in = WrkRow.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new BenchException("the wrk script " + SCRIPT + " is missing from the application");
                }
                Files.write(script, in.readAllBytes());
            }
            List<String> command = new ArrayList<>(List.of(wrk.toString(), "--threads", String.valueOf(Math.min(2,
                    connections)), "--connections", String.valueOf(connections), "--duration",
                    Math.max(1, duration.toSeconds()) + "s", "--timeout", "60s", "--script", script.toString(),
                    url.resolve("/").toString(), "--"));
            command.addAll(paths);
            headers.forEach((name, value) -> command.add(name + ": " + value));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(duration.toSeconds() + 120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new BenchException("wrk failed on " + what + ": " + output.strip());
            }
            return parse(what, output);
        } catch (IOException e) {
            throw new BenchException("cannot run wrk: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        } finally {
            if (script != null) {
                try {
                    Files.deleteIfExists(script);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }

    /**
     * The row from what the script printed. Errors are the answers of status 400 and above (by
     * status) and the requests that got no answer (status 0), as the driver's own rows count them.
     */
    static LoadRow parse(String what, String output) {
        Map<String, Long> figures = new TreeMap<>();
        Map<Integer, Long> statuses = new TreeMap<>();
        for (String line : output.split("\n")) {
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            String[] words = line.substring(PREFIX.length()).trim().split(" ");
            if (words.length == 3 && words[0].equals("status")) {
                statuses.put(Integer.parseInt(words[1]), Long.parseLong(words[2]));
            } else if (words.length == 2) {
                figures.put(words[0], words[0].equals("seconds") ? Math.round(Double.parseDouble(words[1]) * 1e6)
                        : Long.parseLong(words[1]));
            }
        }
        for (String figure : List.of("requests", "seconds", "socket-errors", "p50", "p95", "p99")) {
            if (!figures.containsKey(figure)) {
                throw new BenchException("wrk printed no " + figure + " for " + what + ": " + output.strip());
            }
        }
        Map<Integer, Long> errors = new TreeMap<>();
        statuses.forEach((status, count) -> {
            if (status >= 400) {
                errors.put(status, count);
            }
        });
        if (figures.get("socket-errors") > 0) {
            errors.put(0, figures.get("socket-errors"));
        }
        long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
        return new LoadRow(what, figures.get("requests"), errorCount, errors, figures.get("seconds") / 1e6,
                new LoadRow.Latencies(figures.get("p50") / 1e3, figures.get("p95") / 1e3, figures.get("p99") / 1e3),
                null);
    }
}
