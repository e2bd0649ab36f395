package kyodo.ops.resident;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import kyodo.query.proposal.ProposalViews;
import kyodo.query.web.Blocking;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What kyodo holds about the signed-in resident, as one JSON download: their account (opened with
 * their key), whether and where they are verified (the pseudonym is the city's, not theirs to read:
 * only whether there is one), and their proposals with everything the public sees of them. Never
 * cached, never shown to anyone else.
 */
@RestController
@Tag(name = "residents (own data)")
class ResidentExportController {

    private final ResidentAccountController accountPages;
    private final ResidentProposals proposals;
    private final ProposalViews views;

    ResidentExportController(ResidentAccountController accountPages, ResidentProposals proposals, ProposalViews views) {
        this.accountPages = accountPages;
        this.proposals = proposals;
        this.views = views;
    }

    /** The export's shape: one object, stable field names. */
    record Export(String accountId, Instant createdAt, String name, String email, String language,
                  boolean confirmed, String verifiedWard, boolean hasPseudonym,
                  List<ProposalViews.ProposalPublicView> proposals) {
        @Override
        public String toString() {
            return "Export[personal data]";
        }
    }

    @Operation(operationId = "exportResidentData",
            summary = "The signed-in resident's own data as one JSON download (the residents' session, not /api)",
            description = "Account, verification and own proposals; never cached. Not signed in as a resident: "
                    + "a redirect to /resident/sign-in.")
    @GetMapping(path = "/resident/account/export", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Export>> export() {
        return accountPages.current().flatMap(account -> Blocking.read(() -> {
            ResidentAccount.Profile profile = accountPages.profileOf(account);
            List<ProposalViews.ProposalPublicView> mine = proposals.ids(account).stream().map(views::find)
                    .flatMap(Optional::stream).map(views::publicView).toList();
            return new Export(account.id(), account.createdAt(), profile.name(), profile.email(), account.language(),
                    account.confirmed(), account.verified() ? account.ward().code() : null,
                    account.pseudonym() != null, mine);
        })).map(export -> ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("kyodo-my-data.json").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(export));
    }
}
