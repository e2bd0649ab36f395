package kyodo.ops.cli;

import kyodo.kernel.StoreInUse;
import kyodo.query.audit.AuditReport;
import kyodo.query.audit.AuditVerifier;
import kyodo.query.audit.DecisionLog;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;

import java.io.PrintStream;
import java.time.Duration;
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
 * ({@link AuditCheckCli}), including the entries not signed yet and the C2SP form, and fails when the
 * latest checkpoint is older than the maximum; or verifies a receipt offline. Exit status 0 when every
 * check holds, 1 otherwise, 2 on bad usage.</li>
 * </ul>
 */
public final class AuditCli {

    static final String USAGE = """
            usage: java -jar kyodo.jar audit verify [--kyodo.data-dir=DIR] [--setting=value …]
                   java -jar kyodo.jar audit check --url http://host:port [--samples N] [--from TREE_SIZE]
                                                   [--max-checkpoint-age DURATION]
                                                   [--witness-key VKEY … --min-witnesses K]
                   java -jar kyodo.jar audit check --receipt FILE --key VKEY [--witness-key VKEY … --min-witnesses K]
              VKEY  a verifier key (the log's: /public/log/vkey), or a file holding one
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
                case "check" -> AuditCheckCli.check(out, rest);
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
        return PlatformArgs.offline(settings).run("audit verify", out, context -> {
            Duration timeout = context.getBean(AuditVerifySettings.class).catchUpTimeout();
            quiesce(context.getBean(EventProcessingConfiguration.class), timeout, out);
            AuditReport report = context.getBean(AuditVerifier.class).verify();
            out.print(report.render());
            out.println("  " + StoreInUse.summary(context.getBeansOfType(StoreInUse.class).values()));
            return report.ok() ? 0 : 1;
        });
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
}
