package kyodo.ops.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.query.audit.CheckpointNote;
import kyodo.query.audit.Hashing;
import kyodo.query.audit.MerkleTree;
import kyodo.query.audit.Receipt;
import kyodo.query.audit.SignedNote;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a decision's receipt offline, with nothing but the receipt and the keys the caller trusts
 * ({@code java -jar kyodo.jar audit check --receipt FILE --key VKEY}): the entry's members hash to its
 * hash, the checkpoint is signed by the log's key under its origin (and cosigned by enough of the given
 * witnesses), and the inclusion proof leads from the entry's leaf to the checkpoint's root.
 */
public final class ReceiptVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignedNote.VerifierKey logKey;
    private final WitnessPolicy witnesses;

    /**
     * @param logKey    the log's verifier key ({@code /public/log/vkey})
     * @param witnesses the witnesses that must have cosigned the receipt's checkpoint
     */
    public ReceiptVerifier(SignedNote.VerifierKey logKey, WitnessPolicy witnesses) {
        this.logKey = logKey;
        this.witnesses = witnesses;
    }

    /** Every check of the receipt's text. */
    public PublicLogVerifier.Result verify(String text) {
        List<String> lines = new ArrayList<>();
        try {
            Receipt receipt = Receipt.parse(text);
            JsonNode entry = JSON.readTree(receipt.entry());
            long seq = entry.path("seq").asLong();
            String hash = ServedEntries.hashOf(entry);
            boolean ok = PublicLogVerifier.report(lines, hash.equals(entry.path("hash").asText()) && seq == receipt
                    .index() + 1, "entry " + seq + " (" + entry.path("kind").asText() + " " + entry.path("outcome")
                    .asText() + " of " + entry.path("subjectType").asText() + " " + entry.path("subjectId").asText()
                    + ", " + entry.path("decidedAt").asText() + "): " + (seq != receipt.index() + 1
                    ? "its seq is not the receipt's index + 1" : hash.equals(entry.path("hash").asText())
                    ? "its members hash to its hash" : "its members hash to " + hash + ", not to its hash"));
            SignedNote note = SignedNote.parse(receipt.checkpoint());
            CheckpointNote checkpoint = CheckpointNote.parse(note.text());
            boolean signed = checkpoint.origin().equals(logKey.name()) && note.verifiedBy(logKey);
            ok &= PublicLogVerifier.report(lines, signed, "checkpoint of " + checkpoint.origin() + " at tree size "
                    + checkpoint.treeSize() + ": " + (signed ? "signed by the given log key"
                    : "NOT signed by the given log key " + logKey.name()));
            boolean included = MerkleTree.verifyInclusion(receipt.index(), checkpoint.treeSize(),
                    MerkleTree.leafHash(Hashing.unhex(hash)), receipt.proof(), checkpoint.root());
            ok &= PublicLogVerifier.report(lines, included, "inclusion proof of leaf " + receipt.index() + " "
                    + (included ? "leads to the checkpoint's root" : "DOES NOT lead to the checkpoint's root"));
            ok &= witnesses.check(note, lines);
            return new PublicLogVerifier.Result(ok, lines);
        } catch (IOException | RuntimeException e) {
            lines.add("FAIL not a valid receipt: " + PublicEndpoints.describe(e));
            return new PublicLogVerifier.Result(false, lines);
        }
    }
}
