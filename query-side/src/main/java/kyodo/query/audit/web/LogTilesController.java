package kyodo.query.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.query.audit.LogTiles;
import kyodo.query.audit.Transparency;
import kyodo.query.web.Blocking;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * The decision log in the C2SP formats that transparency tooling reads: the checkpoint as a signed
 * note ({@code tlog-checkpoint}), the tree as tiles and the leaves as entry bundles
 * ({@code tlog-tiles}), under {@value #PREFIX}. Full tiles never change and may be cached for a year;
 * the checkpoint and the partial tiles of the right edge change as the log grows.
 */
@RestController
@Tag(name = "transparency")
class LogTilesController {

    static final String PREFIX = "/public/log";
    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8);
    private static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
    private static final CacheControl EDGE = CacheControl.maxAge(Duration.ofSeconds(10)).cachePublic();

    private final Transparency transparency;

    LogTilesController(Transparency transparency) {
        this.transparency = transparency;
    }

    @Operation(operationId = "getLogCheckpoint",
            summary = "The latest checkpoint as a C2SP signed note (tlog-checkpoint)",
            description = "Origin line, tree size, base64 RFC 6962 root, a blank line, then the log's Ed25519 "
                    + "signature line (key name = origin, 4-byte key ID) and any witness cosignatures. Verify with "
                    + "the verifier key at /public/log/vkey. 404 before the first checkpoint.")
    @GetMapping(path = PREFIX + "/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    Mono<ResponseEntity<String>> checkpoint() {
        return Blocking.read(() -> ResponseEntity.ok().contentType(TEXT).cacheControl(CacheControl.noCache())
                .body(transparency.latestNote().render()));
    }

    @Operation(operationId = "getLogVerifierKey",
            summary = "The log's C2SP verifier key", description = "name+keyid+base64(0x01 ‖ Ed25519 key), "
            + "the name being the log's origin line.")
    @GetMapping(path = PREFIX + "/vkey", produces = MediaType.TEXT_PLAIN_VALUE)
    Mono<ResponseEntity<String>> verifierKey() {
        return Mono.fromSupplier(() -> ResponseEntity.ok().contentType(TEXT)
                .body(transparency.logKey().render() + "\n"));
    }

    @Operation(operationId = "getLogTile",
            summary = "A tile of the log's Merkle tree or an entry bundle (C2SP tlog-tiles)",
            description = "tile/<L>/<N>[.p/<W>]: hashes of level L; tile/entries/<N>[.p/<W>]: the leaves, each the "
                    + "32 bytes of an entry's hash after a big-endian uint16 length. N in 3-digit groups, all but the "
                    + "last prefixed with x. Only tiles of the latest checkpoint's tree; 404 otherwise.")
    @GetMapping(path = PREFIX + "/tile/{*path}", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    Mono<ResponseEntity<byte[]>> tile(@Parameter(description = "e.g. 0/x001/234, 1/000.p/17, entries/005")
                                      @PathVariable String path) {
        return Blocking.read(() -> {
            LogTiles.Tile tile = LogTiles.parse(path.startsWith("/") ? path.substring(1) : path)
                    .orElseThrow(() -> new KyodoProblemException(CommonProblems.NOT_FOUND,
                            "Not a tile path: <L>/<N>[.p/<W>] or entries/<N>[.p/<W>]."));
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .cacheControl(tile.full() ? IMMUTABLE : EDGE).body(transparency.tile(tile));
        });
    }
}
