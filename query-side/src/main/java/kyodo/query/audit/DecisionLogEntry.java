package kyodo.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionBasis;
import org.bson.Document;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the public decision log: a decision as anyone may see it (the decider's role, never
 * their staff id), its position {@code seq} (1, 2, 3 … without gaps, in the order of the event
 * store), the id of the event that recorded it, and the hash chain.
 * <p>
 * {@code hash = hex(SHA-256(bytes(prevHash) ‖ canonical))}, where {@code bytes(prevHash)} are the 32
 * bytes the previous entry's hash spells in hex (32 zero bytes for seq 1) and {@code canonical} is
 * the {@link CanonicalJson} of this entry without {@code prevHash} and {@code hash}: exactly the
 * other members of the entry as the public API serves it, nulls included. Anyone can therefore
 * recompute every hash from the served JSON alone.
 *
 * @param seq           position in the log, from 1
 * @param decisionId    the decision's id
 * @param subjectType   what it is about, as a code ({@code proposal}, {@code meeting}, …)
 * @param subjectId     the subject's id
 * @param ward          ward code, null for city-wide subjects
 * @param kind          kind of decision ({@code PROPOSAL_ANSWER}, …)
 * @param outcome       what was decided ({@code ACCEPTED}, …)
 * @param reason        the public reason, or null
 * @param decidedByRole role of the decider (STAFF, WARD_HEAD, ADMIN, SYSTEM)
 * @param decidedAt     when, ISO-8601 UTC with milliseconds ({@link CanonicalJson#instant})
 * @param basis         what the decision rests on, or null
 * @param eventId       identifier of the event that recorded the decision
 * @param prevHash      hash of the previous entry, 64 zeros for the first
 * @param hash          this entry's hash
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DecisionLogEntry(long seq, String decisionId, String subjectType, String subjectId, String ward,
                               String kind, String outcome, String reason, String decidedByRole, String decidedAt,
                               Basis basis, String eventId, String prevHash, String hash) {

    /**
     * What a decision rests on, e.g. the meeting resolution that decided a referred proposal.
     *
     * @param type kind of basis, e.g. {@code meeting-resolution}
     * @param id   its id
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Basis(String type, String id) {
    }

    /**
     * The entry that records a decision at position {@code seq} after an entry whose hash is
     * {@code prevHash}. Only the role of the decider is taken, never the staff id.
     */
    public static DecisionLogEntry of(long seq, String prevHash, String eventId, Decision decision) {
        DecisionBasis basis = decision.basis();
        DecisionLogEntry unhashed = new DecisionLogEntry(seq, decision.decisionId(), decision.subjectType().code(),
                decision.subjectId(), decision.ward() == null ? null : decision.ward().code(),
                decision.kind().name(), decision.outcome().name(), decision.reason(), decision.decidedBy().role(),
                CanonicalJson.instant(decision.decidedAt()),
                basis == null ? null : new Basis(basis.type(), basis.id()), eventId, prevHash, null);
        return unhashed.withHash(unhashed.recomputedHash());
    }

    /** The members that are hashed, i.e. all but {@code prevHash} and {@code hash}. */
    public Map<String, Object> hashedMembers() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("seq", seq);
        members.put("decisionId", decisionId);
        members.put("subjectType", subjectType);
        members.put("subjectId", subjectId);
        members.put("ward", ward);
        members.put("kind", kind);
        members.put("outcome", outcome);
        members.put("reason", reason);
        members.put("decidedByRole", decidedByRole);
        members.put("decidedAt", decidedAt);
        members.put("basis", basisMembers(basis));
        members.put("eventId", eventId);
        return members;
    }

    /** The canonical bytes that are hashed (after the previous hash). */
    public byte[] canonicalBytes() {
        return CanonicalJson.bytes(hashedMembers());
    }

    /** The hash this entry's members and {@code prevHash} give, whatever {@link #hash} says. */
    public String recomputedHash() {
        return chainHash(prevHash, canonicalBytes());
    }

    /** {@code hex(SHA-256(bytes(prevHash) ‖ canonical))}. */
    public static String chainHash(String prevHash, byte[] canonical) {
        if (!Hashing.isHash(prevHash)) {
            throw new IllegalArgumentException("prevHash must be 64 lower-case hex digits: " + prevHash);
        }
        return Hashing.hex(Hashing.sha256(Hashing.unhex(prevHash), canonical));
    }

    /** The Merkle tree's leaf data for this entry: the 32 bytes of its hash. */
    public byte[] leafData() {
        return Hashing.unhex(Objects.requireNonNull(hash, "hash"));
    }

    DecisionLogEntry withHash(String newHash) {
        return new DecisionLogEntry(seq, decisionId, subjectType, subjectId, ward, kind, outcome, reason,
                decidedByRole, decidedAt, basis, eventId, prevHash, newHash);
    }

    /** The stored form in collection {@value DecisionLog#LOG}: {@code _id} is the seq. */
    public Document toDocument() {
        return new Document("_id", seq)
                .append("decisionId", decisionId)
                .append("subjectType", subjectType)
                .append("subjectId", subjectId)
                .append("ward", ward)
                .append("kind", kind)
                .append("outcome", outcome)
                .append("reason", reason)
                .append("decidedByRole", decidedByRole)
                .append("decidedAt", decidedAt)
                .append("basis", basis == null ? null : new Document("type", basis.type()).append("id", basis.id()))
                .append("eventId", eventId)
                .append("prevHash", prevHash)
                .append("hash", hash);
    }

    /** An entry from its stored form. */
    public static DecisionLogEntry fromDocument(Document doc) {
        Document basis = doc.get("basis", Document.class);
        return new DecisionLogEntry(((Number) doc.get("_id")).longValue(), doc.getString("decisionId"),
                doc.getString("subjectType"), doc.getString("subjectId"), doc.getString("ward"),
                doc.getString("kind"), doc.getString("outcome"), doc.getString("reason"),
                doc.getString("decidedByRole"), doc.getString("decidedAt"),
                basis == null ? null : new Basis(basis.getString("type"), basis.getString("id")),
                doc.getString("eventId"), doc.getString("prevHash"), doc.getString("hash"));
    }

    static Map<String, Object> basisMembers(Basis basis) {
        if (basis == null) {
            return null;
        }
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", basis.type());
        members.put("id", basis.id());
        return members;
    }
}
