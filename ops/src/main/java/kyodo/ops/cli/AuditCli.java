package kyodo.ops.cli;

import kyodo.kernel.StoreInUse;
import kyodo.ops.audit.PublicLogVerifier;
import kyodo.query.audit.AuditReport;
import kyodo.query.audit.AuditVerifier;
import kyodo.query.audit.Cosignature;
import kyodo.query.audit.DecisionLog;
import kyodo.query.audit.SignedNote;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The {@code audit} commands of the all-in-one jar.
 * <ul>
 * <li>{@code java -jar kyodo.jar audit verify [--kyodo.data-dir=…] [other settings]}: starts the
 * platform on its stores without the web server, lets the projections catch up, stops the event
 * processors, recomputes the decision log from the event store and compares it with the stored log
 * and checkpoints ({@link AuditVerifier}). Exit status 0 when everything matches, 1 when it
 * diverges, 2 when it cannot run. With the embedded stores, stop the running server first (it holds
 * the H2 files).</li>
 * <li>{@code java -jar kyodo.jar audit check --url http://host:port [--samples N] [--from treeSize]
 * [--max-checkpoint-age 1m]}: verifies a running server through its public endpoints only
 * ({@link PublicLogVerifier}), including the entries not signed yet, and fails when the latest
 * checkpoint is older than the maximum. Exit status 0 when every check holds, 1 otherwise, 2 on bad
 * usage.</li>
 * </ul>
 */
public final class AuditCli {

    private static final String USAGE = """
            usage: java -jar kyodo.jar audit verify [--kyodo.data-dir=DIR] [--setting=value …]
                   java -jar kyodo.jar audit check --url http://host:port [--samples N] [--from TREE_SIZE]
                                                   [--max-checkpoint-age DURATION]
                                                   [--witness-key VKEY … --min-witnesses K]
            """;
    private static final Duration POLL = Duration.ofMillis(100);

    private AuditCli() {
    }

    /**
     * Runs {@code audit verify|check …} and returns the exit status.
     *
     * @param args the whole command line, starting with {@code audit}
     */
    public static int run(PrintStream out, String... args) {
        List<String> rest = args.length > 2 ? List.of(Arrays.copyOfRange(args, 2, args.length)) : List.of();
        String command = args.length > 1 ? args[1] : "";
        try {
            return switch (command) {
                case "verify" -> verify(out, rest);
                case "check" -> check(out, rest);
                default -> {
                    out.print(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            return new Usage("audit " + command, USAGE).refuse(out, e.getMessage());
        }
    }

    private static int verify(PrintStream out, List<String> settings) {
        ConfigurableApplicationContext context = PlatformArgs.offline(settings).start("audit verify", out);
        if (context == null) {
            return Usage.WRONG;
        }
        try {
            Duration timeout = context.getBean(AuditVerifySettings.class).catchUpTimeout();
            quiesce(context.getBean(EventProcessingConfiguration.class), timeout, out);
            AuditReport report = context.getBean(AuditVerifier.class).verify();
            out.print(report.render());
            out.println("  " + StoreInUse.summary(context.getBeansOfType(StoreInUse.class).values()));
            return report.ok() ? 0 : 1;
        } finally {
            context.close();
        }
    }

    /**
     * Lets every processor catch up, stops all but the decision log's (no policy sends commands while
     * verifying), lets the log take in what they produced, then stops it too.
     */
    private static void quiesce(EventProcessingConfiguration processing, Duration timeout, PrintStream out) {
        Map<String, EventProcessor> processors = processing.eventProcessors();
        if (!awaitCaughtUp(processors.values(), timeout)) {
            out.println("audit verify: warning: the event processors did not catch up within " + timeout);
        }
        processors.forEach((name, processor) -> {
            if (!DecisionLog.GROUP.equals(name)) {
                processor.shutDown();
            }
        });
        EventProcessor decisionLog = processors.get(DecisionLog.GROUP);
        if (decisionLog != null) {
            if (!awaitCaughtUp(List.of(decisionLog), timeout)) {
                out.println("audit verify: warning: the decision log did not catch up within " + timeout);
            }
            decisionLog.shutDown();
        }
    }

    private static boolean awaitCaughtUp(Collection<EventProcessor> processors, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (processors.stream().allMatch(AuditCli::caughtUp)) {
                return true;
            }
            if (!Waiting.pause(POLL)) {
                return false;
            }
        }
        return false;
    }

    private static boolean caughtUp(EventProcessor processor) {
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return true;
        }
        Map<Integer, EventTrackerStatus> status = streaming.processingStatus();
        return !status.isEmpty() && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
    }

    private static int check(PrintStream out, List<String> args) {
        String url = null;
        int samples = 8;
        Long from = null;
        Duration maxAge = null;
        List<SignedNote.VerifierKey> witnesses = new ArrayList<>();
        int minWitnesses = 0;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                    : i + 1 < args.size() ? args.get(++i) : null;
            if (value == null) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--url" -> url = value;
                case "--samples" -> samples = positive(name, value);
                case "--from" -> from = (long) positive(name, value);
                case "--max-checkpoint-age" -> maxAge = duration(name, value);
                case "--witness-key" -> witnesses.add(witnessKey(value));
                case "--min-witnesses" -> minWitnesses = positive(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--url is required");
        }
        URI base;
        try {
            base = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url is not a URL: " + url);
        }
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("--url must be like http://host:port");
        }
        if (minWitnesses > witnesses.size()) {
            throw new IllegalArgumentException("--min-witnesses " + minWitnesses + " needs as many --witness-key");
        }
        PublicLogVerifier.Result result = new PublicLogVerifier(base, new PublicLogVerifier.Options(samples, from,
                maxAge, witnesses, minWitnesses), Clock.systemUTC()).check();
        out.print(result.render());
        return result.ok() ? 0 : 1;
    }

    /** A witness's verifier key for cosignatures: name+keyid+base64(0x04 ‖ Ed25519 key). */
    static SignedNote.VerifierKey witnessKey(String value) {
        SignedNote.VerifierKey key = SignedNote.VerifierKey.parse(value);
        if (key.type() != Cosignature.TYPE) {
            throw new IllegalArgumentException("--witness-key must be a cosignature key (type 0x04): " + value);
        }
        return key;
    }

    /** A positive duration as settings write them: {@code 30s}, {@code 10m}, {@code PT1H}. */
    private static Duration duration(String name, String value) {
        try {
            Duration duration = DurationStyle.detectAndParse(value);
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new IllegalArgumentException(name + " must be a positive duration such as 30s, 10m or PT1H");
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(name + " must be a whole number >= 1");
    }
}
