package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import kyodo.kernel.SettingsFile;
import kyodo.ops.crash.KyodoServer;
import kyodo.query.platform.store.ReadStoreTokenStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two query processes share the projections' segments (issue 18, ADR 27), as the split deployment runs them:
 * the packaged jar as one command process and two query processes ({@code --kyodo.side}), on one PostgreSQL
 * event store (the test's {@link PostgresCluster}) and one standalone Mongo-protocol server that this test
 * starts (mongo-java-server, on 127.0.0.1), with {@code kyodo.projections.segments=4} and one signing key.
 * The second query process takes half of every four-segment group from the first while commands arrive; each
 * group in global order stays with one of them; every command's result is in the read models exactly once.
 * Then the process that holds the decision log is killed with SIGKILL: the other takes every segment once
 * the claims of the dead one expire, and the commands sent meanwhile appear, again exactly once.
 *
 * <p>Who holds what is read where the processes keep it: Axon's token entries in the read store
 * ({@code trackingtokens}: owner "pid@host", claimed at a time). It runs in the {@code on-postgresql} execution.
 */
@EnabledIfSystemProperty(named = PostgresCluster.ON, matches = "true")
class SegmentSharingIT {

    private static final Duration START = Duration.ofMinutes(4);
    /** Rebalancing takes a few heartbeats and claim intervals (seconds); a slow, shared machine gets minutes. */
    private static final Duration SETTLED = Duration.ofMinutes(3);
    private static final Duration PROJECTED = Duration.ofMinutes(2);
    /** ReadStoreTokenStore's claim timeout: a claim not renewed for this long is free to take. */
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);
    private static final String DECISION_LOG = "decision-log";
    private static final int SEGMENTS = 4;
    private static final int PROPOSALS = 8;

    @TempDir
    static Path runs;
    private static MongoServer mongo;
    private static MongoClient tokens;
    private static KyodoServer command;
    private static KyodoServer first;
    private static KyodoServer second;

    @BeforeAll
    static void startTheStoresAndTheCommandProcess() throws Exception {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/kyodo";
        tokens = MongoClients.create(uri);

        Path commandRun = Files.createDirectories(runs.resolve("command"));
        Path settings = commandRun.resolve("data").resolve(SettingsFile.NAME);
        PostgresCluster.shared().settingsFileIn(settings.getParent());
        // one signing key for every query process of the shared log (ADR 10), in a file as the runbook keeps it
        Path key = runs.resolve("audit-signing-key");
        Files.writeString(key, Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded()));
        command = new KyodoServer(KyodoServer.packagedJar(), commandRun, List.of(), SplitProcessesIT.side("command"));
        command.start(START);
        first = queryProcess("query-1", settings, uri, key);
        second = queryProcess("query-2", settings, uri, key);
        first.start(START);
    }

    @AfterAll
    static void stopEverything() throws InterruptedException {
        for (KyodoServer server : new KyodoServer[]{second, first, command}) {
            if (server != null) {
                server.stop();
                server.close();
            }
        }
        if (tokens != null) {
            tokens.close();
        }
        if (mongo != null) {
            mongo.shutdown();
        }
    }

    @Test
    void twoQueryProcessesSplitTheSegmentsAndTheSurvivorOfAKillTakesThemAll() throws Exception {
        String one = owner(first);
        awaitClaims("the first query process holds every segment alone", claims -> !claims.isEmpty()
                && claims.values().stream().allMatch(group -> group.values().stream().allMatch(one::equals)));

        second.start(START);
        String two = owner(second);
        // commands while the processes hand segments over
        List<String> before = decidedProposals(PROPOSALS);
        awaitClaims("each query process holds half of every four-segment group", claims -> split(claims, one, two));
        Map<String, Map<Integer, String>> shared = claims();
        assertThat(shared.get(DECISION_LOG)).as("the decision log runs in global order: one segment, one process")
                .hasSize(1).containsValue(shared.get(DECISION_LOG).get(0));
        assertThat(shared.values().stream().filter(group -> group.size() == SEGMENTS).count())
                .as("the document projections (proposals, meetings, projects, ward budgets) run in four segments")
                .isEqualTo(4);
        awaitProjectedOnce(before, first);
        awaitProjectedOnce(before, second);

        KyodoServer victim = shared.get(DECISION_LOG).get(0).equals(one) ? first : second;
        KyodoServer survivor = victim == first ? second : first;
        String survivorId = owner(survivor);
        victim.kill();
        List<String> after = decidedProposals(PROPOSALS);
        awaitClaims("the survivor holds every segment once the dead process's claims expired", claims ->
                claims.values().stream().allMatch(group -> group.values().stream().allMatch(survivorId::equals)));

        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        awaitProjectedOnce(all, survivor);
        assertThat(survivor.logTail(400)).as("the survivor's log").doesNotContain(" ERROR ");
    }

    /** Sends {@code count} proposals to the command process, each submitted, acknowledged and accepted. */
    private static List<String> decidedProposals(int count) {
        Client staff = new Client(() -> SplitProcessesIT.http(command, "STAFF"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = staff.acknowledgedProposal("幸区役所 地域振興課");
            staff.post("/api/proposals/{id}/decision", id).ifMatch(1)
                    .body(Map.of("outcome", "ACCEPTED", "reason", "来年度に整備します")).answersVersion(id, 2);
            ids.add(id);
        }
        return ids;
    }

    /**
     * Every proposal is read from the query process at the version its decision answered, listed once, and
     * decided once in the public log, which holds nothing else.
     */
    private static void awaitProjectedOnce(List<String> ids, KyodoServer query) throws InterruptedException {
        Client staff = new Client(() -> SplitProcessesIT.http(query, "STAFF"));
        Client anyone = new Client(() -> SplitProcessesIT.http(query, null));
        for (String id : ids) {
            await("proposal " + id + " at version 2 on " + query.baseUri(), PROJECTED, query, () -> "\"2\"".equals(
                    staff.http().get().uri("/api/proposals/{id}", id).exchange().returnResult(String.class)
                            .getResponseHeaders().getETag()));
        }
        await("the public log and list hold " + ids.size() + " proposals", PROJECTED, query, () ->
                anyone.get("/public/decisions?limit=1000").ok().tree().path("logSize").asInt() == ids.size()
                        && anyone.get("/public/proposals?size=100").ok().tree().path("total").asInt() == ids.size());
        JsonNode log = anyone.get("/public/decisions?limit=1000").ok().tree().path("items");
        Set<String> subjects = new HashSet<>();
        Set<String> events = new HashSet<>();
        log.forEach(entry -> {
            subjects.add(entry.path("subjectId").asText());
            events.add(entry.path("eventId").asText());
        });
        assertThat(log.size()).isEqualTo(ids.size());
        assertThat(subjects).as("one decision per proposal").containsExactlyInAnyOrderElementsOf(ids);
        assertThat(events).as("no event entered twice").hasSize(ids.size());
        JsonNode listed = anyone.get("/public/proposals?size=100").ok().tree().path("items");
        List<String> listedIds = new ArrayList<>();
        listed.forEach(item -> listedIds.add(item.path("id").asText()));
        assertThat(listedIds).as("each proposal listed once").containsExactlyInAnyOrderElementsOf(ids);
    }

    /** Whether each process holds exactly half of every four-segment group (and all groups are claimed). */
    private static boolean split(Map<String, Map<Integer, String>> claims, String one, String two) {
        return !claims.isEmpty() && claims.values().stream().allMatch(group -> group.size() != SEGMENTS
                || group.values().stream().filter(one::equals).count() == SEGMENTS / 2
                && group.values().stream().filter(two::equals).count() == SEGMENTS / 2)
                && claims.values().stream().allMatch(group -> group.values().stream()
                .allMatch(owner -> owner.equals(one) || owner.equals(two)));
    }

    /**
     * Every processing group's segments with the process that holds a live claim on each ("" for none: free,
     * or claimed by a process that has not renewed it within the claim timeout).
     */
    private static Map<String, Map<Integer, String>> claims() {
        long expired = System.currentTimeMillis() - CLAIM_TIMEOUT.toMillis();
        Map<String, Map<Integer, String>> claims = new TreeMap<>();
        for (Document token : tokens.getDatabase("kyodo").getCollection(ReadStoreTokenStore.COLLECTION)
                .find()) {
            String processor = token.getString("processorName");
            if (processor == null || processor.startsWith("__")) {
                continue;
            }
            String owner = token.getString("owner");
            boolean live = owner != null && token.get("timestamp", Number.class).longValue() >= expired;
            claims.computeIfAbsent(processor, p -> new TreeMap<>()).put(token.getInteger("segment"), live ? owner : "");
        }
        return claims;
    }

    private static void awaitClaims(String what, java.util.function.Predicate<Map<String, Map<Integer, String>>> done)
            throws InterruptedException {
        await(what, SETTLED, null, () -> done.test(claims()));
    }

    private static void await(String what, Duration bound, KyodoServer logOf, Supplier<Boolean> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!done.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound + ": " + what + "\nclaims: " + claims()
                        + (logOf == null ? "" : "\nits log ends:\n" + logOf.logTail(80)));
            }
            Thread.sleep(500);
        }
    }

    private static String owner(KyodoServer server) {
        String host = java.lang.management.ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^\\d+@", "");
        return server.pid() + "@" + host;
    }

    private static KyodoServer queryProcess(String name, Path settings, String mongoUri, Path key) throws Exception {
        Path run = Files.createDirectories(runs.resolve(name).resolve("data")).getParent();
        // the same event store, key vault and staff accounts as the command process
        Files.copy(settings, run.resolve("data").resolve(SettingsFile.NAME));
        List<String> args = SplitProcessesIT.side("query");
        args.addAll(List.of("--kyodo.mongodb.uri=" + mongoUri, "--kyodo.projections.segments=" + SEGMENTS,
                "--kyodo.audit.signing-key=" + key,
                // a query process only reads events: it needs no pool of the command side's size (threads + 16,
                // all opened at start), and three processes of that size fill the test cluster's connections
                "--spring.datasource.hikari.maximum-pool-size=16"));
        return new KyodoServer(KyodoServer.packagedJar(), run, List.of(), args);
    }
}
