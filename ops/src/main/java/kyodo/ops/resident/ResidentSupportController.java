package kyodo.ops.resident;

import kyodo.command.sending.BusProblems;
import kyodo.kernel.Ward;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.ProblemRendering;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.query.proposal.ProposalViews;
import kyodo.query.web.ReadAfterWrite;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A resident's support of a proposal (issue 17): the page the portal's support button leads to (the
 * proposal's count, and for a verified resident the forms to support it or withdraw their support), and
 * those forms' posts. Plain forms with the session's CSRF token, so it works without JavaScript; a
 * refusal of the command side (twice, another ward, a closed proposal) is shown on the page with its
 * status, and nothing was recorded.
 */
@Controller
class ResidentSupportController {

    private static final Set<String> DONE = Set.of("supported", "withdrawn");

    private final ResidentAccountController accountPages;
    private final ResidentSupports supports;
    private final ProposalViews views;
    private final ReadAfterWrite reads;

    ResidentSupportController(ResidentAccountController accountPages, ResidentSupports supports, ProposalViews views,
                              ReadAfterWrite reads) {
        this.accountPages = accountPages;
        this.supports = supports;
        this.views = views;
        this.reads = reads;
    }

    @GetMapping(path = "/resident/supports/{id}", produces = "text/html")
    Mono<Rendering> page(@PathVariable String id, @RequestParam(required = false) Long minVersion,
                         @RequestParam(required = false) String done, ServerWebExchange exchange) {
        return accountPages.current().flatMap(account -> show(exchange, account, id, minVersion,
                done != null && DONE.contains(done) ? done : null, null, HttpStatus.OK));
    }

    @PostMapping(path = "/resident/supports/{id}", produces = "text/html")
    Mono<Rendering> act(@PathVariable String id, ServerWebExchange exchange) {
        return Mono.zip(ResidentView.form(exchange), accountPages.current()).flatMap(read -> {
            String action = read.getT1().get("action");
            ResidentAccount account = read.getT2();
            if (!"support".equals(action) && !"withdrawal".equals(action)) {
                throw new KyodoProblemException(CommonProblems.INVALID_INPUT, "Choose to support or to withdraw.");
            }
            return reads.readDocument(id, () -> views.find(id), null, "No proposal with that id.")
                    .flatMap(doc -> {
                        Ward ward = Ward.fromCode(doc.getString("ward")).orElseThrow();
                        return "support".equals(action) ? supports.support(account, id, ward)
                                : supports.withdraw(account, id, ward);
                    })
                    .map(version -> Rendering.redirectTo("/resident/supports/" + id + "?done="
                                    + ("support".equals(action) ? "supported" : "withdrawn") + "&minVersion=" + version)
                            .status(HttpStatus.SEE_OTHER).build())
                    .onErrorResume(failure -> BusProblems.of(failure).isPresent(), failure -> {
                        ProblemDetails refusal = BusProblems.of(failure).orElseThrow();
                        return show(exchange, account, id, null, null, refusal, HttpStatus.valueOf(refusal.status()));
                    });
        });
    }

    private Mono<Rendering> show(ServerWebExchange exchange, ResidentAccount account, String id, Long minVersion,
                                 String done, ProblemDetails refusal, HttpStatus status) {
        return reads.readDocument(id, () -> views.find(id), minVersion, "No proposal with that id.").flatMap(doc -> {
            Map<String, Object> model = new HashMap<>();
            ProposalViews.ProposalPublicView view = views.publicView(doc);
            model.put("p", view);
            model.put("account", account);
            model.put("cityWideSupport", ProposalProgramme.valueOf(view.programme()).cityWideSupport());
            model.put("done", done);
            boolean english = ProblemRendering.english(exchange.getLocaleContext().getLocale());
            model.put("refusal", refusal == null ? null : Map.of("status", refusal.status(),
                    "title", english ? refusal.titleEn() : refusal.titleJa()));
            return ResidentView.page(exchange, "support", "/resident/supports/" + id, model, status);
        });
    }
}
