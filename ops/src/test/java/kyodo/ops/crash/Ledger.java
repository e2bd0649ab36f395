package kyodo.ops.crash;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the clients know for sure: every command the server acknowledged (a 2xx answer), and every
 * command whose fate is unknown because the server died under it (no answer) — such a command may
 * or may not be in the event store, and the checks allow exactly that much, never more.
 */
final class Ledger {

    /** A subject as the API names it: the collection in its path and the decision log's subject type. */
    enum Subject {
        PROPOSAL("proposals", "proposal"), MEETING("meetings", "meeting"), PROJECT("projects", "project"),
        WARD_BUDGET("ward-budgets", "ward-budget");

        final String collection;
        final String logType;

        Subject(String collection, String logType) {
            this.collection = collection;
            this.logType = logType;
        }
    }

    /**
     * An acknowledged command.
     *
     * @param subject   what it acted on
     * @param id        the aggregate's id from the answer
     * @param version   the ETag version it answered
     * @param decision  its decision kind, or null when it decides nothing
     * @param amountYen the allocated amount of a budget allocation, else 0
     * @param added     the id of what it added and the read model must show (a resolution, an
     *                  allocation), else null
     * @param route     the route, for messages
     */
    record Ack(Subject subject, String id, long version, String decision, long amountYen, String added,
               String route) {
    }

    /**
     * What the read model of one aggregate must show: at least the highest acknowledged version, and
     * each acknowledged change itself, not only a version number that a later event could have
     * carried past a lost one: the acknowledged versions (a proposal's timeline has an entry per
     * event, by sequence number) and the ids of what was added.
     */
    record Expected(long version, SortedSet<Long> versions, Set<String> added) {
    }

    /** A command sent without an answer: the server may or may not have recorded it. */
    record Doubt(Subject subject, String id, String decision, long amountYen, String route) {
    }

    /**
     * A creation acknowledged under an Idempotency-Key, kept to send again at the end: the same key
     * with the same body must answer the same id.
     */
    record Creation(Subject subject, String path, String key, Object body, Api.Account as, String id) {
    }

    /** Decisions are matched to the log by subject and kind: the answers do not carry decision ids. */
    record DecisionKey(String subjectType, String subjectId, String kind) {
    }

    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Doubt> doubts = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Creation> creations = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> idempotencyMismatches = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    private final Map<String, long[]> timings = new ConcurrentHashMap<>();
    private final AtomicLong idempotentRepeats = new AtomicLong();
    private final AtomicReference<Long> lastAllocationAttempt = new AtomicReference<>(0L);

    void acknowledged(Ack ack) {
        acks.add(ack);
    }

    void inDoubt(Doubt doubt) {
        doubts.add(doubt);
    }

    void created(Creation creation) {
        creations.add(creation);
    }

    /** A repeat of an Idempotency-Key answered: it must name the id of the first answer. */
    void repeated(Creation first, Api.Answer repeat) {
        idempotentRepeats.incrementAndGet();
        String id = repeat.text("id");
        if (repeat.status() != 201 || !first.id().equals(id)) {
            idempotencyMismatches.add(first.path() + " key " + first.key() + ": first answer " + first.id()
                    + ", repeat answered " + repeat.summary() + " id " + id);
        }
    }

    /** A repeat of an Idempotency-Key, with the server up and idle, got no answer at all. */
    void repeatUnanswered(Throwable why) {
        idempotentRepeats.incrementAndGet();
        idempotencyMismatches.add("a repeat got no answer: " + why);
    }

    /** A 2xx command answer without the ETag every command answer carries. */
    void unversioned(String route, Api.Answer answer) {
        serverErrors.add(route + " answered " + answer.status() + " without an ETag version");
    }

    /** A refusal (4xx): the command changed nothing, which the server says for sure. */
    void refused(String route, Api.Answer answer) {
        refusals.computeIfAbsent(route + " " + answer.summary(), k -> new AtomicLong()).incrementAndGet();
    }

    /** A 5xx: the server failed the command; its fate is unknown as after a crash, and it is reported. */
    void serverError(String route, Api.Answer answer) {
        serverErrors.add(route + " " + answer.summary() + " " + answer.text("detail"));
    }

    /** How long a request took, answered or not: the load the clients managed, for the run's journal. */
    void timed(String route, long nanos) {
        long[] sum = timings.computeIfAbsent(route, k -> new long[2]);
        synchronized (sum) {
            sum[0]++;
            sum[1] += nanos;
        }
    }

    /** Requests and mean time per route, most frequent first. */
    List<String> timingLines() {
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(timings.entrySet());
        entries.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        return entries.stream().map(e -> {
            synchronized (e.getValue()) {
                return e.getValue()[0] + " × " + e.getKey() + " (mean " + e.getValue()[1] / e.getValue()[0] / 1_000_000
                        + " ms)";
            }
        }).toList();
    }

    void allocationAttempted() {
        lastAllocationAttempt.set(System.currentTimeMillis());
    }

    long lastAllocationAttemptMillis() {
        return lastAllocationAttempt.get();
    }

    List<Ack> acks() {
        return List.copyOf(acks);
    }

    List<Doubt> doubts() {
        return List.copyOf(doubts);
    }

    List<Creation> creations() {
        return List.copyOf(creations);
    }

    List<String> idempotencyMismatches() {
        return List.copyOf(idempotencyMismatches);
    }

    List<String> serverErrors() {
        return List.copyOf(serverErrors);
    }

    long idempotentRepeats() {
        return idempotentRepeats.get();
    }

    /** What every acknowledged aggregate's read model must show, in first-seen order. */
    Map<Subject, Map<String, Expected>> expectations() {
        Map<Subject, Map<String, Expected>> expected = new LinkedHashMap<>();
        for (Ack ack : acks) {
            Expected before = expected.computeIfAbsent(ack.subject(), s -> new LinkedHashMap<>()).get(ack.id());
            SortedSet<Long> versions = new TreeSet<>(before == null ? Set.of() : before.versions());
            versions.add(ack.version());
            Set<String> added = new HashSet<>(before == null ? Set.of() : before.added());
            if (ack.added() != null) {
                added.add(ack.added());
            }
            expected.get(ack.subject()).put(ack.id(), new Expected(versions.last(), versions, added));
        }
        return expected;
    }

    Map<DecisionKey, Integer> acknowledgedDecisions() {
        Map<DecisionKey, Integer> counts = new HashMap<>();
        acks.stream().filter(a -> a.decision() != null).forEach(a -> counts.merge(
                new DecisionKey(a.subject().logType, a.id(), a.decision()), 1, Integer::sum));
        return counts;
    }

    Map<DecisionKey, Integer> doubtfulDecisions() {
        Map<DecisionKey, Integer> counts = new HashMap<>();
        doubts.stream().filter(d -> d.decision() != null && d.id() != null).forEach(d -> counts.merge(
                new DecisionKey(d.subject().logType, d.id(), d.decision()), 1, Integer::sum));
        return counts;
    }

    long acknowledgedAllocationsYen() {
        return acks.stream().filter(a -> "BUDGET_ALLOCATION".equals(a.decision())).mapToLong(Ack::amountYen).sum();
    }

    long doubtfulAllocationsYen() {
        return doubts.stream().filter(d -> "BUDGET_ALLOCATION".equals(d.decision())).mapToLong(Doubt::amountYen).sum();
    }

    /** One line per refusal kind, most frequent first. */
    List<String> refusalCounts() {
        List<Map.Entry<String, AtomicLong>> entries = new ArrayList<>(refusals.entrySet());
        entries.sort((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()));
        return entries.stream().map(e -> e.getValue().get() + " × " + e.getKey()).toList();
    }
}
