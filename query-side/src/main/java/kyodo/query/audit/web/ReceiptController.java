package kyodo.query.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import kyodo.query.audit.Transparency;
import kyodo.query.listing.ListParameters;
import kyodo.query.web.Blocking;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/** A decision's receipt to download and keep: the entry, its inclusion proof and the signed checkpoint. */
@RestController
@Tag(name = "transparency")
class ReceiptController {

    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private final Transparency transparency;

    ReceiptController(Transparency transparency) {
        this.transparency = transparency;
    }

    @Operation(operationId = "getDecisionReceipt", summary = "The receipt of one decision-log entry (C2SP tlog-proof)",
            description = "c2sp.org/tlog-proof@v1, then `extra` with the entry's canonical JSON in base64, `index` "
                    + "(seq − 1), the base64 audit path, a blank line and the checkpoint note with its cosignatures. "
                    + "Verify offline with `java -jar kyodo.jar audit check --receipt FILE --key VKEY`. 404 until a "
                    + "checkpoint covers the entry (within kyodo.audit.checkpoint-max-delay).")
    @GetMapping(path = "/public/decisions/{seq}/receipt", produces = MediaType.TEXT_PLAIN_VALUE)
    Mono<ResponseEntity<String>> receipt(@Parameter(description = "the entry's seq, a whole number >= 1")
                                         @PathVariable String seq) {
        return Blocking.read(() -> {
            long entry = ListParameters.position("seq", seq);
            return ResponseEntity.ok().contentType(TEXT)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename("kyodo-decision-" + entry + ".tlog-proof").build().toString())
                    .body(transparency.receipt(entry).render());
        });
    }
}
