package kyodo.ops.audit;

import com.fasterxml.jackson.databind.JsonNode;
import kyodo.query.audit.AuditSigningKey;
import kyodo.query.audit.Checkpoint;
import kyodo.query.audit.Hashing;
import kyodo.query.audit.MerkleTree;

import java.io.IOException;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks a running kyodo's public decision log as any outsider could: only the public HTTP
 * endpoints and the published key, no access to its stores.
 * <ol>
 * <li>the published keys match their key ids;</li>
 * <li>the latest checkpoint's signature verifies;</li>
 * <li>the entries 1..treeSize form an unbroken hash chain, each hash recomputed from the entry's
 * served JSON (RFC 8785 canonical form without prevHash and hash), and their RFC 6962 root equals
 * the checkpoint's;</li>
 * <li>the served inclusion proofs of a sample of entries verify against the signed root;</li>
 * <li>an earlier signed checkpoint (the one before the latest, or {@code from}) is consistent with
 * the latest: its own root matches the entries, and the served consistency proof verifies;</li>
 * <li>the entries after the latest checkpoint (not signed yet) continue the chain without gaps;</li>
 * <li>the latest checkpoint is not older than a given maximum, if one is given.</li>
 * </ol>
 * Usable as {@code java -jar kyodo.jar audit check --url http://host:port}.
 */
public final class PublicLogVerifier {

    private static final int PAGE = 1000;

    private final PublicEndpoints endpoints;
    private final int samples;
    private final Long from;
    private final Duration maxCheckpointAge;
    private final Clock clock;
    private final TiledLogCheck tiled;

    /**
     * @param base    where kyodo serves, e.g. {@code http://localhost:8080}
     * @param samples how many entries' inclusion proofs to check (the first and the last among them)
     * @param from    tree size of the earlier checkpoint to check consistency from; null for the one
     *                before the latest
     */
    public PublicLogVerifier(URI base, int samples, Long from) {
        this(base, new Options(samples, from, null, WitnessPolicy.none()), Clock.systemUTC());
    }

    /** @param clock what "now" is for the checkpoint's age */
    public PublicLogVerifier(URI base, Options options, Clock clock) {
        this.endpoints = new PublicEndpoints(base);
        this.samples = Math.max(1, options.samples());
        this.from = options.from();
        this.maxCheckpointAge = options.maxCheckpointAge();
        this.clock = clock;
        this.tiled = new TiledLogCheck(endpoints, options.witnesses());
    }

    /**
     * What to check besides the log itself.
     *
     * @param samples          how many entries' inclusion proofs to check (the first and the last among them)
     * @param from             tree size of the earlier checkpoint to check consistency from; null for the one
     *                         before the latest
     * @param maxCheckpointAge the latest checkpoint must be at most this old; null: any age
     * @param witnesses        the witnesses that must have cosigned the C2SP checkpoint
     */
    public record Options(int samples, Long from, Duration maxCheckpointAge, WitnessPolicy witnesses) {
    }

    /** Runs every check; stops at the first that cannot be carried out. */
    public Result check() {
        List<String> lines = new ArrayList<>();
        boolean ok = true;
        try {
            Map<String, PublicKey> keys = keys(lines);
            JsonNode latestJson = get("/public/audit/checkpoints/latest", true);
            if (latestJson == null) {
                lines.add("FAIL no signed checkpoint has been issued yet: nothing can be verified");
                return new Result(false, lines);
            }
            Checkpoint latest = checkpoint(latestJson);
            ok &= signed(latest, keys, lines, "latest checkpoint");
            ok &= age(latest, lines);

            List<JsonNode> entries = entries(0, latest.treeSize());
            List<byte[]> leaves = new ArrayList<>();
            ServedEntries chain = ServedEntries.fromStart();
            String broken = chain.all(entries.subList(0, (int) Math.min(entries.size(), latest.treeSize())), leaves);
            ok &= report(lines, broken == null && leaves.size() == latest.treeSize(), broken != null ? broken
                    : leaves.size() + " of " + latest.treeSize() + " entries fetched, hash chain recomputed and unbroken");
            if (broken != null || leaves.size() != latest.treeSize()) {
                return new Result(false, lines);
            }
            String root = Hashing.hex(MerkleTree.root(leaves));
            boolean rootMatches = root.equals(latest.rootHash());
            ok &= report(lines, rootMatches, "root of entries 1.." + latest.treeSize() + " recomputed: " + root
                    + (rootMatches ? " equals the signed root" : " ≠ signed " + latest.rootHash()));

            ok &= inclusions(latest, entries, lines);
            ok &= consistency(latest, leaves, keys, lines);
            ok &= tail(chain, leaves, lines);
            ok &= tiled.check(keys, leaves, lines);
        } catch (IOException | RuntimeException e) {
            lines.add("FAIL " + PublicEndpoints.describe(e));
            return new Result(false, lines);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lines.add("FAIL interrupted");
            return new Result(false, lines);
        }
        return new Result(ok, lines);
    }

    private Map<String, PublicKey> keys(List<String> lines) throws IOException, InterruptedException {
        Map<String, PublicKey> keys = new HashMap<>();
        for (JsonNode key : get("/public/audit/keys", false).path("keys")) {
            byte[] x509 = Base64.getDecoder().decode(key.path("publicKey").asText());
            String keyId = AuditSigningKey.keyId(x509);
            if (!keyId.equals(key.path("keyId").asText())) {
                throw new IllegalStateException("published key " + key.path("keyId").asText()
                        + " has the key id " + keyId);
            }
            if (!AuditSigningKey.ALGORITHM.equals(key.path("algorithm").asText())) {
                throw new IllegalStateException("key " + keyId + " is not Ed25519");
            }
            keys.put(keyId, AuditSigningKey.publicKey(x509));
        }
        lines.add("ok   " + keys.size() + " published key(s), key ids match: " + String.join(", ", keys.keySet()));
        return keys;
    }

    private static boolean signed(Checkpoint checkpoint, Map<String, PublicKey> keys, List<String> lines,
                                  String what) {
        PublicKey key = keys.get(checkpoint.keyId());
        boolean valid = key != null && AuditSigningKey.verify(key, checkpoint.statementBytes(),
                checkpoint.signature());
        return report(lines, valid, what + " (tree size " + checkpoint.treeSize() + ", key " + checkpoint.keyId()
                + "): signature " + (valid ? "verifies" : key == null ? "by an unpublished key" : "DOES NOT verify"));
    }

    /** The entries after {@code after} up to {@code last} (Long.MAX_VALUE: to the end of the log). */
    private List<JsonNode> entries(long after, long last) throws IOException, InterruptedException {
        List<JsonNode> entries = new ArrayList<>();
        while (after < last) {
            long limit = Math.min(PAGE, last - after);
            JsonNode items = get("/public/decisions?after=" + after + "&limit=" + limit, false).path("items");
            if (items.isEmpty()) {
                break;
            }
            items.forEach(entries::add);
            after = items.get(items.size() - 1).path("seq").asLong();
        }
        return entries;
    }

    /** How old the latest checkpoint is; too old when a maximum is set and passed. */
    private boolean age(Checkpoint latest, List<String> lines) {
        Duration age = Duration.between(Instant.parse(latest.issuedAt()), clock.instant());
        boolean fresh = maxCheckpointAge == null || age.compareTo(maxCheckpointAge) <= 0;
        return report(lines, fresh, "latest checkpoint issued " + latest.issuedAt() + ", " + age.toSeconds()
                + " s ago" + (maxCheckpointAge == null ? "" : fresh ? " (at most " + maxCheckpointAge.toSeconds()
                + " s allowed)" : ": older than the " + maxCheckpointAge.toSeconds() + " s allowed"));
    }

    /** The entries after the latest checkpoint, not signed yet: they must continue the chain without gaps. */
    private boolean tail(ServedEntries chain, List<byte[]> leaves, List<String> lines)
            throws IOException, InterruptedException {
        long signed = chain.seq();
        List<JsonNode> tail = entries(signed, Long.MAX_VALUE);
        String broken = chain.all(tail, leaves);
        if (broken != null) {
            return report(lines, false, "unsigned tail after tree size " + signed + ": " + broken);
        }
        return report(lines, true, tail.isEmpty() ? "no unsigned entries after the checkpoint" : tail.size()
                + " unsigned entr" + (tail.size() == 1 ? "y" : "ies") + " after the checkpoint (" + (signed + 1)
                + ".." + chain.seq() + "), hash chain unbroken");
    }

    private boolean inclusions(Checkpoint latest, List<JsonNode> entries, List<String> lines)
            throws IOException, InterruptedException {
        byte[] root = Hashing.unhex(latest.rootHash());
        TreeSet<Long> seqs = new TreeSet<>();
        long n = latest.treeSize();
        for (int i = 0; i < samples; i++) {
            seqs.add(samples == 1 ? n : 1 + (n - 1) * i / (samples - 1));
        }
        List<Long> failed = new ArrayList<>();
        for (long seq : seqs) {
            JsonNode proof = get("/public/audit/proofs/inclusion?seq=" + seq + "&treeSize=" + n, false);
            byte[] leaf = MerkleTree.leafHash(Hashing.unhex(entries.get((int) (seq - 1)).path("hash").asText()));
            if (!MerkleTree.verifyInclusion(seq - 1, n, leaf, hashes(proof.path("auditPath")), root)) {
                failed.add(seq);
            }
        }
        return report(lines, failed.isEmpty(), "inclusion proofs of entries " + seqs + " in tree " + n
                + (failed.isEmpty() ? " verify against the signed root" : ": " + failed + " DO NOT verify"));
    }

    private boolean consistency(Checkpoint latest, List<byte[]> leaves, Map<String, PublicKey> keys,
                                List<String> lines) throws IOException, InterruptedException {
        Checkpoint earlier = null;
        if (from != null) {
            JsonNode found = get("/public/audit/checkpoints/" + from, true);
            earlier = found == null ? null : checkpoint(found);
        } else {
            long after = 0;
            while (true) {
                JsonNode items = get("/public/audit/checkpoints?after=" + after + "&limit=" + PAGE, false)
                        .path("items");
                for (JsonNode item : items) {
                    Checkpoint c = checkpoint(item);
                    if (c.treeSize() < latest.treeSize()) {
                        earlier = c;
                    }
                }
                if (items.size() < PAGE) {
                    break;
                }
                after = items.get(items.size() - 1).path("treeSize").asLong();
            }
        }
        if (earlier == null) {
            lines.add("skip consistency: no earlier checkpoint" + (from == null ? "" : " of tree size " + from));
            return from == null;
        }
        if (earlier.treeSize() > latest.treeSize()) {
            return report(lines, false, "checkpoint " + earlier.treeSize() + " is larger than the latest");
        }
        boolean ok = signed(earlier, keys, lines, "earlier checkpoint");
        String root = Hashing.hex(MerkleTree.root(leaves.subList(0, (int) earlier.treeSize())));
        ok &= report(lines, root.equals(earlier.rootHash()), "root of entries 1.." + earlier.treeSize()
                + (root.equals(earlier.rootHash()) ? " matches the earlier checkpoint"
                : " is " + root + ", the earlier checkpoint signed " + earlier.rootHash()));
        JsonNode proof = get("/public/audit/proofs/consistency?from=" + earlier.treeSize() + "&to="
                + latest.treeSize(), false);
        boolean consistent = MerkleTree.verifyConsistency(earlier.treeSize(), latest.treeSize(),
                Hashing.unhex(earlier.rootHash()), Hashing.unhex(latest.rootHash()),
                hashes(proof.path("consistencyPath")));
        return report(lines, consistent, "consistency proof " + earlier.treeSize() + " → " + latest.treeSize()
                + (consistent ? " verifies between the two signed roots" : " DOES NOT verify")) && ok;
    }

    private static Checkpoint checkpoint(JsonNode node) {
        return new Checkpoint(node.path("treeSize").asLong(), node.path("rootHash").asText(),
                node.path("issuedAt").asText(), node.path("signature").asText(), node.path("keyId").asText());
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(h -> hashes.add(Hashing.unhex(h.asText())));
        return hashes;
    }

    static boolean report(List<String> lines, boolean ok, String text) {
        lines.add((ok ? "ok   " : "FAIL ") + text);
        return ok;
    }

    private JsonNode get(String path, boolean absentOk) throws IOException, InterruptedException {
        return endpoints.json(path, absentOk);
    }

    /**
     * The outcome: every check's line, and whether all held.
     *
     * @param ok    whether every check held
     * @param lines one line per check, {@code ok} or {@code FAIL} first
     */
    public record Result(boolean ok, List<String> lines) {

        public String render() {
            return "audit check: " + (ok ? "OK" : "FAILED") + "\n" + String.join("\n", lines) + "\n";
        }
    }
}
