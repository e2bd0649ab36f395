package kyodo.ops.cli;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code projections replay [name|all] [--kyodo.data-dir=…] [other settings]}: rebuilds read models
 * from the event store. It starts the platform on its stores without the web server (and without
 * the demo loader), shuts the named projections' processors down, resets their tokens (each
 * projection's reset handler clears its own documents), replays the event store into all of them
 * in one pass ({@link kyodo.query.platform.SinglePassReplay}: each event read and deserialized once,
 * large batches) with progress on stderr, and starts them again from the positions the replay stored.
 * With the embedded stores, stop a running server on the same data directory first.
 *
 * <p>The projections are the processing groups of the query side ({@code kyodo.query}); the
 * command side's policies are not replayable from here, since replaying them would issue their
 * commands again. Exit status 0 when replayed, 1 when it did not finish within
 * {@code kyodo.projections.replay-timeout} (default 1h), 2 on bad usage (an unknown name lists the
 * valid ones) or when the platform cannot start.
 */
public final class ProjectionsCli {

    static final String USAGE = """
            usage: java -jar kyodo.jar projections replay [NAME|all] [--kyodo.data-dir=DIR] [--setting=value …]
            """;
    static final String ALL = "all";
    private static final String PROJECTION_PACKAGE = "kyodo.query";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final String TIMEOUTS = "--axon.timeout.enabled";
    private static final String COMPRESS = "--kyodo.mongodb.embedded-compress";

    private ProjectionsCli() {
    }

    /** What {@code projections replay …} was asked to do. */
    record Options(String projection, List<String> settings) {
    }

    /**
     * Runs {@code projections …} and returns the exit status.
     *
     * @param args the command line after {@code projections}
     */
    static int run(PrintStream out, PrintStream err, List<String> args) {
        Options options = new Usage("projections", USAGE).parse(err, () -> parse(args)).orElse(null);
        if (options == null) {
            return Usage.WRONG;
        }
        return PlatformArgs.offline(replaySettings(options.settings())).run("projections replay", err,
                context -> replay(out, err, context, options.projection()));
    }

    /**
     * The settings of a process that replays, with what it runs without unless the operator sets it:
     * Axon's timeouts of units of work ({@code axon.timeout.enabled=false}; the watch of each handler call
     * is off everywhere, {@code EmbeddedDefaults}): a replay's batches are cut by time anyway
     * ({@code SinglePassReplay}), and an interrupt from the watch would close the embedded read store's
     * file; and the embedded read store's compression of each commit's pages
     * ({@code kyodo.mongodb.embedded-compress=false}): the file is compressed once, by its copy at the close
     * (ADR 17).
     */
    public static List<String> replaySettings(List<String> settings) {
        List<String> all = new ArrayList<>(settings);
        for (String setting : List.of(TIMEOUTS, COMPRESS)) {
            if (all.stream().noneMatch(given -> given.startsWith(setting + "="))) {
                all.add(setting + "=false");
            }
        }
        return List.copyOf(all);
    }

    static Options parse(List<String> args) {
        if (args.isEmpty() || !"replay".equals(args.get(0))) {
            throw new IllegalArgumentException(args.isEmpty() ? "what to do? (replay)"
                    : "unknown command " + args.get(0));
        }
        String projection = ALL;
        List<String> settings = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                settings.add(arg);
            } else if (i == 1 && NAME.matcher(arg).matches()) {
                projection = arg;
            } else {
                throw new IllegalArgumentException("unexpected " + arg);
            }
        }
        PlatformArgs.check(settings);
        return new Options(projection, List.copyOf(settings));
    }

    private static int replay(PrintStream out, PrintStream err, ConfigurableApplicationContext context,
                              String projection) {
        ProcessorProgress progress = ProcessorProgress.of(context);
        Map<String, StreamingEventProcessor> projections = new LinkedHashMap<>();
        Map<String, StreamingEventProcessor> streaming = progress.streamingProcessors();
        projectionGroups(context).forEach(group -> {
            if (streaming.containsKey(group)) {
                projections.put(group, streaming.get(group));
            }
        });
        Map<String, StreamingEventProcessor> chosen = new LinkedHashMap<>();
        if (ALL.equals(projection)) {
            chosen.putAll(projections);
        } else if (projections.containsKey(projection)) {
            chosen.put(projection, projections.get(projection));
        } else {
            err.println("projections replay: no projection " + projection + "; valid: "
                    + String.join(", ", projections.keySet()) + ", " + ALL);
            return 2;
        }
        List<String> unsupported = chosen.entrySet().stream().filter(e -> !e.getValue().supportsReset())
                .map(Map.Entry::getKey).toList();
        if (!unsupported.isEmpty()) {
            err.println("projections replay: cannot be reset: " + String.join(", ", unsupported));
            return 2;
        }
        long started = System.nanoTime();
        long head = progress.head();
        err.println("replaying " + String.join(", ", chosen.keySet()) + " up to event " + head + " in one pass");
        Duration timeout = context.getBean(ProjectionSettings.class).replayTimeout();
        try {
            if (!CatchUp.rebuild(ProcessorProgress.singlePassReplay(context), List.copyOf(chosen.keySet()), head,
                    timeout, err)) {
                err.println("projections replay: not finished within " + timeout
                        + "; the processors continue from their tokens at the next start");
                return 1;
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            err.println("projections replay: failed: " + ReplayFailure.describe(e)
                    + "; the processors continue from their tokens at the next start");
            return 1;
        }
        // they were started from the positions the replay stored: they are there, or handle what arrived since
        if (!CatchUp.await(chosen, head, timeout, null)) {
            err.println("projections replay: the processors did not resume within " + timeout);
            return 1;
        }
        out.printf("replayed %s: up to event %d in %.1f s%n", String.join(", ", chosen.keySet()), head,
                (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /** The processing groups of the query side's projections, sorted. */
    public static List<String> projectionGroups(ListableBeanFactory beans) {
        TreeSet<String> groups = new TreeSet<>();
        for (String name : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            Class<?> type = beans.getType(name);
            if (type != null && type.getPackageName().startsWith(PROJECTION_PACKAGE)) {
                groups.add(Objects.requireNonNull(beans.findAnnotationOnBean(name, ProcessingGroup.class)).value());
            }
        }
        return List.copyOf(groups);
    }
}
