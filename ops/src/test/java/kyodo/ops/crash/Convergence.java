package kyodo.ops.crash;

import com.fasterxml.jackson.databind.JsonNode;
import kyodo.ops.crash.Ledger.DecisionKey;
import kyodo.ops.crash.Ledger.Expected;
import kyodo.ops.crash.Ledger.Subject;
import kyodo.query.audit.DecisionLogEntry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What must hold once the crashes are over and the read models had a bounded time to catch up:
 * every acknowledged command visible at its version, the public decision log holding every
 * acknowledged decision exactly once in an unbroken hash chain, every acknowledged creation listed,
 * and the ward budget balanced. Each check collects readable problems instead of stopping at the
 * first, so that one failure message shows the whole damage.
 */
final class Convergence {

    private static final String GENESIS = "0".repeat(64);
    private static final int READERS = 4;
    private static final int SHOWN = 20;

    private final Api api;
    private final Api.Account reader;
    private final Ledger ledger;
    private final String budgetWard;
    private final int fiscalYear;
    private final long envelopeYen;

    Convergence(Api api, Api.Account reader, Ledger ledger, String budgetWard, int fiscalYear, long envelopeYen) {
        this.api = api;
        this.reader = reader;
        this.ledger = ledger;
        this.budgetWard = budgetWard;
        this.fiscalYear = fiscalYear;
        this.envelopeYen = envelopeYen;
    }

    /** A category of problems with how many there were and the first few. */
    record Finding(String what, int count, List<String> firstFew) {

        String render() {
            StringBuilder text = new StringBuilder(what).append(": ").append(count);
            firstFew.forEach(line -> text.append("\n    ").append(line));
            if (count > firstFew.size()) {
                text.append("\n    … and ").append(count - firstFew.size()).append(" more");
            }
            return text.toString();
        }
    }

    /**
     * Polls until the read models show every acknowledged version, the log holds every acknowledged
     * decision and the budget's reservations equal its allocations, or until the deadline; then
     * answers how long it took (or null when it never converged).
     */
    Duration awaitConvergence(long notBeforeMillis, Duration catchUp) throws InterruptedException {
        long start = System.currentTimeMillis();
        long deadline = Math.max(start, notBeforeMillis) + catchUp.toMillis();
        Map<Subject, Map<String, Expected>> waiting = ledger.expectations();
        while (true) {
            waiting = lagging(waiting);
            boolean converged = waiting.values().stream().allMatch(Map::isEmpty)
                    && System.currentTimeMillis() >= notBeforeMillis
                    && logFindings().isEmpty() && budgetFindings().isEmpty();
            if (converged) {
                return Duration.ofMillis(System.currentTimeMillis() - start);
            }
            if (System.currentTimeMillis() > deadline) {
                return null;
            }
            Thread.sleep(1000);
        }
    }

    /** Every check, for the failure message; empty when all hold. */
    List<Finding> findings() throws InterruptedException {
        List<Finding> findings = new ArrayList<>();
        findings.addAll(visibilityFindings());
        findings.addAll(listFindings());
        findings.addAll(logFindings());
        findings.addAll(budgetFindings());
        return findings;
    }

    /** The aggregates whose read model does not show all that was acknowledged yet (plain reads, no waiting). */
    private Map<Subject, Map<String, Expected>> lagging(Map<Subject, Map<String, Expected>> expected)
            throws InterruptedException {
        Map<Subject, Map<String, Expected>> behind = new ConcurrentHashMap<>();
        forEach(expected, (subject, id, wanted) -> shortfall(subject, wanted, api.get(path(subject, id), reader)) == null,
                (subject, id, wanted, why) -> behind.computeIfAbsent(subject, k -> new ConcurrentHashMap<>())
                        .put(id, wanted));
        return behind;
    }

    /**
     * {@code GET …/{id}?minVersion=N} answers 200 for every acknowledged version N, and shows what
     * each acknowledged command did.
     */
    private List<Finding> visibilityFindings() throws InterruptedException {
        ConcurrentLinkedQueue<String> missing = new ConcurrentLinkedQueue<>();
        Map<String, String> shortfalls = new ConcurrentHashMap<>();
        forEach(ledger.expectations(), (subject, id, wanted) -> {
            String shortfall = shortfall(subject, wanted,
                    api.get(path(subject, id) + "?minVersion=" + wanted.version(), reader));
            if (shortfall != null) {
                shortfalls.put(id, shortfall);
            }
            return shortfall == null;
        }, (subject, id, wanted, why) -> missing.add(subject.collection + "/" + id + " acknowledged at version "
                + wanted.version() + ": " + shortfalls.getOrDefault(id, why)));
        return finding("acknowledged commands not visible (GET /api/…/{id}?minVersion=N)", List.copyOf(missing));
    }

    /** What the read model of one aggregate lacks of what was acknowledged, or null when it shows it all. */
    private static String shortfall(Subject subject, Expected wanted, Api.Answer read) {
        if (read.status() != 200) {
            return "answered " + read.summary();
        }
        if (read.version() == null || read.version() < wanted.version()) {
            return "shows version " + read.version();
        }
        Set<String> seen = new HashSet<>();
        switch (subject) {
            case PROPOSAL -> read.body().path("timeline").forEach(e -> seen.add(e.path("seq").asText()));
            case MEETING -> read.body().path("resolutions").forEach(r -> seen.add(r.path("resolutionId").asText()));
            case PROJECT -> read.body().path("allocations").forEach(a -> seen.add(a.path("allocationId").asText()));
            case WARD_BUDGET -> {
                return null;
            }
        }
        List<String> lacking = new ArrayList<>();
        if (subject == Subject.PROPOSAL) {
            wanted.versions().stream().map(String::valueOf).filter(v -> !seen.contains(v)).forEach(lacking::add);
            return lacking.isEmpty() ? null : "version " + read.version() + " but its timeline lacks the events "
                    + "of acknowledged versions " + lacking;
        }
        wanted.added().stream().filter(added -> !seen.contains(added)).forEach(lacking::add);
        return lacking.isEmpty() ? null : "version " + read.version() + " but without the acknowledged "
                + (subject == Subject.MEETING ? "resolutions " : "allocations ") + lacking;
    }

    /** Every acknowledged creation is in its staff list, and nothing else is. */
    private List<Finding> listFindings() {
        List<Finding> findings = new ArrayList<>();
        for (Subject subject : List.of(Subject.PROPOSAL, Subject.MEETING, Subject.PROJECT)) {
            Set<String> created = new HashSet<>();
            ledger.creations().stream().filter(c -> c.subject() == subject).forEach(c -> created.add(c.id()));
            Set<String> listed;
            try {
                listed = listed(subject);
            } catch (IOException | InterruptedException | RuntimeException e) {
                findings.add(new Finding("staff list of " + subject.collection + " unreadable", 1, List.of(e.toString())));
                continue;
            }
            List<String> absent = created.stream().filter(id -> !listed.contains(id)).sorted().toList();
            List<String> unknown = listed.stream().filter(id -> !created.contains(id)).sorted().toList();
            findings.addAll(finding("acknowledged " + subject.collection + " missing from GET /api/" + subject.collection
                    + " (" + listed.size() + " listed, " + created.size() + " acknowledged)", absent));
            findings.addAll(finding(subject.collection + " listed that no answer created (a repeated Idempotency-Key "
                    + "created a second one?)", unknown));
        }
        return findings;
    }

    private Set<String> listed(Subject subject) throws IOException, InterruptedException {
        Set<String> ids = new HashSet<>();
        for (int page = 0; ; page++) {
            Api.Answer answer = api.get("/api/" + subject.collection + "?size=100&page=" + page, reader);
            if (!answer.ok()) {
                throw new IllegalStateException("GET /api/" + subject.collection + " page " + page + " answered "
                        + answer.summary());
            }
            answer.body().get("items").forEach(item -> ids.add(item.get("id").asText()));
            if ((long) (page + 1) * 100 >= answer.body().get("total").asLong()) {
                return ids;
            }
        }
    }

    /**
     * The public log: seq 1..n without gaps, each prevHash the previous hash and each hash what its
     * entry gives, no decision or event twice, and per subject and kind at least the acknowledged
     * decisions and at most those plus the unanswered ones.
     */
    List<Finding> logFindings() {
        List<DecisionLogEntry> entries;
        try {
            entries = decisionLog();
        } catch (IOException | InterruptedException | RuntimeException e) {
            return List.of(new Finding("public decision log unreadable", 1, List.of(e.toString())));
        }
        List<String> chain = new ArrayList<>();
        Set<String> decisionIds = new HashSet<>();
        Set<String> eventIds = new HashSet<>();
        List<String> twice = new ArrayList<>();
        Map<DecisionKey, Integer> logged = new HashMap<>();
        String previous = GENESIS;
        for (int i = 0; i < entries.size(); i++) {
            DecisionLogEntry entry = entries.get(i);
            if (entry.seq() != i + 1) {
                chain.add("entry " + (i + 1) + " has seq " + entry.seq());
            }
            if (!previous.equals(entry.prevHash())) {
                chain.add("seq " + entry.seq() + ": prevHash " + entry.prevHash() + " is not the previous hash " + previous);
            }
            if (!entry.recomputedHash().equals(entry.hash())) {
                chain.add("seq " + entry.seq() + ": hash " + entry.hash() + " is not what its entry gives");
            }
            previous = entry.hash();
            if (!decisionIds.add(entry.decisionId()) || !eventIds.add(entry.eventId())) {
                twice.add("seq " + entry.seq() + ": decision " + entry.decisionId() + " / event " + entry.eventId()
                        + " appears before");
            }
            logged.merge(new DecisionKey(entry.subjectType(), entry.subjectId(), entry.kind()), 1, Integer::sum);
        }
        Map<DecisionKey, Integer> acknowledged = ledger.acknowledgedDecisions();
        Map<DecisionKey, Integer> doubtful = ledger.doubtfulDecisions();
        List<String> missing = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        Set<DecisionKey> keys = new HashSet<>(acknowledged.keySet());
        keys.addAll(logged.keySet());
        for (DecisionKey key : new TreeMap<String, DecisionKey>(keyed(keys)).values()) {
            int acked = acknowledged.getOrDefault(key, 0);
            int inDoubt = doubtful.getOrDefault(key, 0);
            int inLog = logged.getOrDefault(key, 0);
            if (inLog < acked) {
                missing.add(key.kind() + " on " + key.subjectType() + " " + key.subjectId() + ": acknowledged "
                        + acked + ", in the log " + inLog);
            } else if (inLog > acked + inDoubt) {
                unexplained.add(key.kind() + " on " + key.subjectType() + " " + key.subjectId() + ": in the log "
                        + inLog + ", acknowledged " + acked + " and unanswered " + inDoubt);
            }
        }
        List<Finding> findings = new ArrayList<>();
        int ackedTotal = acknowledged.values().stream().mapToInt(Integer::intValue).sum();
        findings.addAll(finding("acknowledged decisions missing from the public log (" + entries.size()
                + " entries, " + ackedTotal + " decisions acknowledged)", missing));
        findings.addAll(finding("decisions in the log beyond those sent (duplicates?)", unexplained));
        findings.addAll(finding("decision log entries twice", twice));
        findings.addAll(finding("breaks in the decision log's sequence or hash chain", chain));
        return findings;
    }

    private static Map<String, DecisionKey> keyed(Set<DecisionKey> keys) {
        Map<String, DecisionKey> sorted = new HashMap<>();
        keys.forEach(k -> sorted.put(k.subjectType() + "/" + k.subjectId() + "/" + k.kind(), k));
        return sorted;
    }

    private List<DecisionLogEntry> decisionLog() throws IOException, InterruptedException {
        List<DecisionLogEntry> entries = new ArrayList<>();
        long after = 0;
        while (true) {
            Api.Answer page = api.get("/public/decisions?limit=1000&after=" + after, null);
            if (page.status() != 200) {
                throw new IllegalStateException("GET /public/decisions?after=" + after + " answered " + page.summary());
            }
            JsonNode items = page.body().get("items");
            for (JsonNode item : items) {
                entries.add(Api.JSON.treeToValue(item, DecisionLogEntry.class));
            }
            if (items.isEmpty()) {
                return entries;
            }
            after = entries.get(entries.size() - 1).seq();
        }
    }

    /**
     * The one ward budget: the envelope as set; allocated between the acknowledged allocations and
     * those plus the unanswered ones, never above the envelope; and, once reservations had time to
     * expire, nothing reserved that is not allocated.
     */
    List<Finding> budgetFindings() {
        Api.Answer budget;
        try {
            budget = api.get("/public/ward-budgets/" + budgetWard + "/" + fiscalYear, null);
        } catch (IOException | InterruptedException e) {
            return List.of(new Finding("ward budget unreadable", 1, List.of(e.toString())));
        }
        if (budget.status() != 200) {
            return List.of(new Finding("ward budget unreadable", 1, List.of(budget.summary())));
        }
        long envelope = budget.body().path("envelopeYen").asLong(-1);
        long reserved = budget.body().path("reservedYen").asLong(-1);
        long allocated = budget.body().path("allocatedYen").asLong(-1);
        long acked = ledger.acknowledgedAllocationsYen();
        long doubtful = ledger.doubtfulAllocationsYen();
        List<String> wrong = new ArrayList<>();
        if (envelope != envelopeYen) {
            wrong.add("envelope " + envelope + " yen, set to " + envelopeYen);
        }
        if (allocated < acked || allocated > acked + doubtful) {
            wrong.add("allocated " + allocated + " yen, but the acknowledged allocations sum to " + acked
                    + " (plus " + doubtful + " unanswered)");
        }
        if (reserved != allocated) {
            wrong.add("reserved " + reserved + " yen != allocated " + allocated
                    + " yen after the reservation timeout");
        }
        if (allocated > envelope) {
            wrong.add("allocated " + allocated + " yen beyond the envelope " + envelope);
        }
        return finding("ward budget " + budgetWard + "-" + fiscalYear + " out of balance", wrong);
    }

    private String path(Subject subject, String id) {
        if (subject == Subject.WARD_BUDGET) {
            return "/public/ward-budgets/" + budgetWard + "/" + fiscalYear;
        }
        return "/api/" + subject.collection + "/" + id;
    }

    private interface Check {
        boolean holds(Subject subject, String id, Expected wanted) throws IOException, InterruptedException;
    }

    private interface Failure {
        void record(Subject subject, String id, Expected wanted, String why);
    }

    /**
     * Runs a check per aggregate on a few threads; one that does not hold, or whose read fails
     * outright, goes to {@code failed}.
     */
    private void forEach(Map<Subject, Map<String, Expected>> aggregates, Check check, Failure failed)
            throws InterruptedException {
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<?>> reads = new ArrayList<>();
            aggregates.forEach((subject, wanted) -> wanted.forEach((id, expected) -> reads.add(readers.submit(() -> {
                try {
                    if (!check.holds(subject, id, expected)) {
                        failed.record(subject, id, expected, "not shown");
                    }
                } catch (IOException | RuntimeException e) {
                    failed.record(subject, id, expected, e.toString());
                }
                return null;
            }))));
            for (Future<?> read : reads) {
                try {
                    read.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            readers.shutdownNow();
        }
    }

    private static List<Finding> finding(String what, List<String> problems) {
        if (problems.isEmpty()) {
            return List.of();
        }
        return List.of(new Finding(what, problems.size(), problems.subList(0, Math.min(SHOWN, problems.size()))));
    }
}
