package kyodo.query.audit;

import java.time.Duration;
import java.util.List;

/**
 * What {@link AuditVerifier} found: counts, time taken, and either nothing wrong or the first log
 * entry that differs from what the event store says, plus every checkpoint that does not hold.
 *
 * @param eventsRead          events read from the event store
 * @param decisionEvents      decision events among them
 * @param logEntries          entries in the stored log
 * @param checkpointsVerified checkpoints whose signature and root hold
 * @param took                time taken
 * @param divergence          the first divergent entry, or null
 * @param checkpointProblems  checkpoints that do not hold
 */
public record AuditReport(long eventsRead, long decisionEvents, long logEntries, int checkpointsVerified,
                          Duration took, Divergence divergence, List<CheckpointProblem> checkpointProblems) {

    public AuditReport {
        checkpointProblems = List.copyOf(checkpointProblems);
    }

    public boolean ok() {
        return divergence == null && checkpointProblems.isEmpty();
    }

    /** A few lines for people: OK with the counts, or what diverges. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(ok() ? "audit verify: OK" : "audit verify: DIVERGENT").append('\n')
                .append("  events read:          ").append(eventsRead).append('\n')
                .append("  decision events:      ").append(decisionEvents).append('\n')
                .append("  log entries:          ").append(logEntries).append('\n')
                .append("  checkpoints verified: ").append(checkpointsVerified).append('\n')
                .append("  took:                 ").append(took.toMillis()).append(" ms").append('\n');
        if (divergence != null) {
            out.append("  first divergent seq:  ").append(divergence.seq()).append('\n')
                    .append("    field:    ").append(divergence.field()).append('\n')
                    .append("    expected: ").append(divergence.expected()).append('\n')
                    .append("    found:    ").append(divergence.found()).append('\n');
        }
        for (CheckpointProblem problem : checkpointProblems) {
            out.append("  checkpoint ").append(problem.treeSize()).append(": ").append(problem.problem()).append('\n');
        }
        return out.toString();
    }

    /**
     * The first entry of the stored log that is not what the event store says it must be.
     *
     * @param seq      position in the log
     * @param field    the member that differs ({@code entry} when a whole entry is missing or extra)
     * @param expected its value as recomputed from the event store
     * @param found    its value in the stored log
     */
    public record Divergence(long seq, String field, String expected, String found) {
    }

    /**
     * A checkpoint that does not hold: bad signature, unknown key, or a root the recomputed log
     * does not have.
     *
     * @param treeSize the checkpoint's tree size
     * @param problem  what is wrong
     */
    public record CheckpointProblem(long treeSize, String problem) {
    }
}
