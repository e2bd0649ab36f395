package kyodo.query.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import kyodo.query.audit.AuditKeyRing.PublishedKey;
import kyodo.query.audit.Checkpoint;
import kyodo.query.audit.ConsistencyProof;
import kyodo.query.audit.InclusionProof;
import kyodo.query.audit.Transparency;
import kyodo.query.listing.ListParameters;
import kyodo.query.web.Blocking;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * What anyone needs to verify the decision log without trusting kyodo: signed checkpoints, Merkle
 * inclusion and consistency proofs (RFC 6962), and the verification keys.
 */
@RestController
@Tag(name = "transparency")
class AuditProofController {

    private static final int MAX_LIMIT = 1000;

    private final Transparency transparency;

    AuditProofController(Transparency transparency) {
        this.transparency = transparency;
    }

    @Operation(operationId = "getLatestCheckpoint", summary = "The latest signed checkpoint of the decision log",
            description = "{treeSize, rootHash, issuedAt, signature, keyId}: signature is Ed25519 (base64) over the "
                    + "UTF-8 text \"kyodo-checkpoint\\n{treeSize}\\n{rootHash}\\n{issuedAt}\" by the key keyId of "
                    + "/public/audit/keys; rootHash is the RFC 6962 root over the entries 1..treeSize whose leaf data "
                    + "are the 32 bytes of each entry's hash. 404 before the first checkpoint.")
    @GetMapping(path = "/public/audit/checkpoints/latest", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Checkpoint> latest() {
        return Blocking.read(transparency::latestCheckpoint);
    }

    @Operation(operationId = "getCheckpoint",
            summary = "The signed checkpoint of one tree size", description = "404 if none was issued for it.")
    @GetMapping(path = "/public/audit/checkpoints/{treeSize}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Checkpoint> checkpoint(@Parameter(description = "tree size, a whole number >= 1") @PathVariable
                                String treeSize) {
        return Blocking.read(() -> transparency.checkpoint(ListParameters.position("treeSize", treeSize)));
    }

    @Operation(operationId = "listCheckpoints", summary = "Signed checkpoints in order of tree size",
            description = "Answers {items, after, limit}: checkpoints with treeSize greater than ?after.")
    @Parameter(name = "after", in = ParameterIn.QUERY, description = "tree sizes greater than this (default 0)",
            schema = @Schema(type = "integer", minimum = "0"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "at most this many (1–1000, default 100)",
            schema = @Schema(type = "integer", minimum = "1", maximum = "1000"))
    @GetMapping(path = "/public/audit/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CheckpointPage> checkpoints(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        return Blocking.read(() -> {
            AuditParameters.Page page = AuditParameters.page(params, MAX_LIMIT);
            return new CheckpointPage(transparency.checkpoints().after(page.after(), page.limit()), page.after(),
                    page.limit());
        });
    }

    @Operation(operationId = "getInclusionProof",
            summary = "Audit path proving that entry seq is in the tree of treeSize entries (RFC 6962 §2.1.1)",
            description = "Answers {seq, leafIndex, treeSize, leafHash, rootHash, auditPath[]}, hashes in hex. "
                    + "leafHash = SHA-256(0x00 ‖ bytes(entry.hash)); verify with RFC 9162 §2.1.3.2 and compare "
                    + "rootHash with a signed checkpoint of that treeSize. 404 if the log is shorter than treeSize.")
    @Parameter(name = "seq", in = ParameterIn.QUERY, required = true, description = "the entry (>= 1)",
            schema = @Schema(type = "integer", minimum = "1"))
    @Parameter(name = "treeSize", in = ParameterIn.QUERY,
            description = "size of the tree (>= seq; default: the log's current size)",
            schema = @Schema(type = "integer", minimum = "1"))
    @GetMapping(path = "/public/audit/proofs/inclusion", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<InclusionProof> inclusion(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        return Blocking.read(() -> {
            AuditParameters.Positions entry = AuditParameters.ordered(params, "seq", "treeSize", false);
            return transparency.inclusion(entry.low(), entry.high());
        });
    }

    @Operation(operationId = "getConsistencyProof",
            summary = "Consistency proof between the trees of from and to entries (RFC 6962 §2.1.2)",
            description = "Answers {from, to, fromRoot, toRoot, consistencyPath[]}, hashes in hex; verify with "
                    + "RFC 9162 §2.1.4.2 against two signed checkpoints. 404 if the log is shorter than to.")
    @Parameter(name = "from", in = ParameterIn.QUERY, required = true, description = "older tree size (>= 1)",
            schema = @Schema(type = "integer", minimum = "1"))
    @Parameter(name = "to", in = ParameterIn.QUERY, required = true, description = "newer tree size (>= from)",
            schema = @Schema(type = "integer", minimum = "1"))
    @GetMapping(path = "/public/audit/proofs/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ConsistencyProof> consistency(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        return Blocking.read(() -> {
            AuditParameters.Positions trees = AuditParameters.ordered(params, "from", "to", true);
            return transparency.consistency(trees.low(), trees.high());
        });
    }

    @Operation(operationId = "listCheckpointKeys", summary = "The public keys that verify checkpoint signatures",
            description = "Answers {keys[{keyId, algorithm, publicKey, current}]}: publicKey is the X.509 "
                    + "SubjectPublicKeyInfo in base64; keyId is hex of the first 16 bytes of its SHA-256.")
    @GetMapping(path = "/public/audit/keys", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<KeyList> keys() {
        return Mono.just(new KeyList(transparency.publishedKeys()));
    }

    /**
     * A page of checkpoints.
     *
     * @param items checkpoints, smallest tree first
     * @param after the tree size they follow
     * @param limit the most a page holds
     */
    record CheckpointPage(List<Checkpoint> items, long after, int limit) {
    }

    /**
     * The verification keys.
     *
     * @param keys current key first
     */
    record KeyList(List<PublishedKey> keys) {
    }
}
