package kyodo.ops.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.query.audit.CanonicalJson;
import kyodo.query.audit.DecisionLogEntry;
import kyodo.query.audit.Hashing;
import kyodo.query.audit.MerkleTree;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hash chain of decision-log entries as the public JSON serves them, recomputed entry by entry:
 * each must have the next seq, name the previous entry's hash as its {@code prevHash}, and hash to
 * its {@code hash} (RFC 8785 canonical form of its other members, after the 32 bytes of prevHash).
 * One home for that check, used on the fetched log and on a receipt's entry.
 */
public final class ServedEntries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private long seq;
    private String prevHash;

    /** A chain that continues after entry {@code seq} whose hash was {@code prevHash}. */
    public ServedEntries(long seq, String prevHash) {
        this.seq = seq;
        this.prevHash = prevHash;
    }

    /** A chain from the start of the log. */
    public static ServedEntries fromStart() {
        return new ServedEntries(0, Hashing.ZERO_HASH);
    }

    /**
     * Takes the next entry.
     *
     * @return null when it continues the chain, else what is wrong with it
     */
    public String next(JsonNode entry) {
        long served = entry.path("seq").asLong();
        if (served != seq + 1) {
            return "entry " + (seq + 1) + ": the log serves seq " + served + " in its place";
        }
        if (!prevHash.equals(entry.path("prevHash").asText())) {
            return "entry " + served + ": prevHash " + entry.path("prevHash").asText()
                    + " is not the previous hash " + prevHash;
        }
        String hash = hashOf(entry);
        if (!hash.equals(entry.path("hash").asText())) {
            return "entry " + served + ": hash " + entry.path("hash").asText() + " but its content hashes to " + hash;
        }
        seq = served;
        prevHash = hash;
        return null;
    }

    /** Takes entries in order; null when all continue the chain, else what is wrong with the first that does not. */
    public String all(List<JsonNode> entries, List<byte[]> leaves) {
        for (JsonNode entry : entries) {
            String problem = next(entry);
            if (problem != null) {
                return problem;
            }
            leaves.add(leafHash());
        }
        return null;
    }

    /** The seq of the last entry taken. */
    public long seq() {
        return seq;
    }

    /** The hash of the last entry taken. */
    public String hash() {
        return prevHash;
    }

    /** The Merkle leaf hash of the last entry taken: {@code SHA-256(0x00 ‖ bytes(hash))}. */
    public byte[] leafHash() {
        return MerkleTree.leafHash(Hashing.unhex(prevHash));
    }

    /**
     * The hash an entry's served members give with its own {@code prevHash}, whatever its {@code hash} says.
     *
     * @throws IllegalArgumentException if its prevHash is not a hash
     */
    @SuppressWarnings("unchecked")
    public static String hashOf(JsonNode entry) {
        Map<String, Object> members = JSON.convertValue(entry, LinkedHashMap.class);
        members.remove("prevHash");
        members.remove("hash");
        return DecisionLogEntry.chainHash(entry.path("prevHash").asText(), CanonicalJson.bytes(members));
    }
}
