package kyodo.ops.resident;

import jakarta.validation.Validator;
import kyodo.command.proposal.web.ProposalCommandBodies;
import kyodo.command.proposal.web.SubmitProposalRequest;
import kyodo.command.sending.AggregateCommands;
import kyodo.command.sending.BusProblems;
import kyodo.command.web.ToCommand;
import kyodo.kernel.Ward;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.ProblemRendering;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.query.proposal.ProposalViews;
import kyodo.query.web.Blocking;
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

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A verified resident's proposals: the form to submit one (programme and ward chosen from what
 * exists; checked as the API checks {@code POST /api/proposals}), "my proposals" with each one's state
 * and due date, and each proposal's page with its timeline and the forms the resident may use: answer
 * a revision request, withdraw. A refusal of the command side is shown on the page with its reason.
 */
@Controller
class ResidentProposalController {

    private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");

    private final ResidentAccountController accountPages;
    private final ResidentProposals proposals;
    private final ProposalViews views;
    private final ReadAfterWrite reads;
    private final Validator validator;

    ResidentProposalController(ResidentAccountController accountPages, ResidentProposals proposals,
                               ProposalViews views, ReadAfterWrite reads, Validator validator) {
        this.accountPages = accountPages;
        this.proposals = proposals;
        this.views = views;
        this.reads = reads;
        this.validator = validator;
    }

    @GetMapping(path = "/resident/proposals", produces = "text/html")
    Mono<Rendering> mine(ServerWebExchange exchange) {
        return accountPages.current().flatMap(account -> Blocking.read(() -> proposals.ids(account).stream()
                        .map(views::find).flatMap(java.util.Optional::stream).map(views::publicView).toList())
                .flatMap(list -> ResidentView.page(exchange, "proposals", "/resident/proposals",
                        Map.of("account", account, "proposals", list), HttpStatus.OK)));
    }

    @GetMapping(path = "/resident/proposals/new", produces = "text/html")
    Mono<Rendering> newForm(ServerWebExchange exchange) {
        return accountPages.current().flatMap(account -> {
            Map<String, String> values = new HashMap<>();
            if (account.verified()) {
                values.put("ward", account.ward().code());
            }
            return newPage(exchange, account, values, Map.of(), HttpStatus.OK);
        });
    }

    @PostMapping(path = "/resident/proposals", produces = "text/html")
    Mono<Rendering> submit(ServerWebExchange exchange) {
        return Mono.zip(ResidentView.form(exchange), accountPages.current()).flatMap(read -> {
            Map<String, String> form = read.getT1();
            ResidentAccount account = read.getT2();
            return Blocking.read(() -> accountPages.profileOf(account)).flatMap(profile -> {
                List<String> themes = Arrays.stream(String.valueOf(form.getOrDefault("themes", "")).split("[,、，]"))
                        .map(String::strip).filter(t -> !t.isEmpty()).toList();
                SubmitProposalRequest request = new SubmitProposalRequest(blankToNull(form.get("ward")),
                        blankToNull(form.get("title")), blankToNull(form.get("body")), themes,
                        blankToNull(form.get("programme")), ProposalChannel.WEB.name(),
                        new SubmitProposalRequest.ProposerRequest(profile.name(), profile.email()));
                Map<String, String> errors = ResidentView.errors(validator.validate(request));
                String key = form.get("key");
                if (key == null || key.isBlank() || key.length() > 64) {
                    errors.put("key", "NotBlank");
                }
                if (!errors.isEmpty()) {
                    return newPage(exchange, account, form, errors, HttpStatus.BAD_REQUEST);
                }
                return proposals.submit(account, request, key).map(id -> Rendering.redirectTo(
                        "/resident/proposals/" + id + "?minVersion=0").status(HttpStatus.SEE_OTHER).build());
            });
        });
    }

    @GetMapping(path = "/resident/proposals/{id}", produces = "text/html")
    Mono<Rendering> proposal(@PathVariable String id, @RequestParam(required = false) Long minVersion,
                             @RequestParam(required = false) String done, ServerWebExchange exchange) {
        return accountPages.current().flatMap(account -> show(exchange, account, id, minVersion,
                "revision".equals(done) || "withdrawal".equals(done) ? done : null, null, Map.of(), HttpStatus.OK));
    }

    @PostMapping(path = "/resident/proposals/{id}/{action}", produces = "text/html")
    Mono<Rendering> act(@PathVariable String id, @PathVariable String action, ServerWebExchange exchange) {
        return Mono.zip(ResidentView.form(exchange), accountPages.current()).flatMap(read -> {
            Map<String, String> form = read.getT1();
            ResidentAccount account = read.getT2();
            Object body = switch (action) {
                case "revision" -> new ProposalCommandBodies.Revision(blankToNull(form.get("title")),
                        blankToNull(form.get("body")));
                case "withdrawal" -> new ProposalCommandBodies.Withdrawal(blankToNull(form.get("reason")));
                default -> null;
            };
            if (body == null) {
                throw new KyodoProblemException(CommonProblems.NOT_FOUND, "No such action on a proposal.");
            }
            Map<String, String> errors = ResidentView.errors(validator.validate(body));
            String version = form.get("version");
            if (version == null || !VERSION.matcher(version).matches()) {
                errors.put("version", "Pattern");
            }
            if (!errors.isEmpty()) {
                return show(exchange, account, id, null, null, null, errors, HttpStatus.BAD_REQUEST);
            }
            return Blocking.read(() -> proposals.owns(account, id))
                    .then(reads.readDocument(id, () -> views.find(id), null, "No proposal with that id."))
                    .flatMap(doc -> proposals.act(account, id, Ward.fromCode(doc.getString("ward")).orElseThrow(),
                            version, ((ToCommand) body).command()))
                    .map(v -> Rendering.redirectTo("/resident/proposals/" + id + "?done=" + action + "&minVersion=" + v)
                            .status(HttpStatus.SEE_OTHER).build())
                    .onErrorResume(failure -> BusProblems.of(failure).isPresent(), failure -> {
                        ProblemDetails refusal = BusProblems.of(failure).orElseThrow();
                        return show(exchange, account, id, null, null, refusal, Map.of(),
                                HttpStatus.valueOf(refusal.status()));
                    });
        });
    }

    private Mono<Rendering> show(ServerWebExchange exchange, ResidentAccount account, String id, Long minVersion,
                                 String done, ProblemDetails refusal, Map<String, String> errors, HttpStatus status) {
        return Blocking.read(() -> proposals.owns(account, id))
                .then(reads.readDocument(id, () -> views.find(id), minVersion, "No proposal with that id."))
                .flatMap(doc -> {
                    Map<String, Object> model = new HashMap<>();
                    model.put("p", views.publicView(doc));
                    model.put("done", done);
                    model.put("errors", errors);
                    boolean english = ProblemRendering.english(exchange.getLocaleContext().getLocale());
                    model.put("refusal", refusal == null ? null : Map.of("status", refusal.status(),
                            "title", english ? refusal.titleEn() : refusal.titleJa()));
                    return ResidentView.page(exchange, "proposal", "/resident/proposals/" + id, model, status);
                });
    }

    private static Mono<Rendering> newPage(ServerWebExchange exchange, ResidentAccount account, Map<String, String> values,
                                           Map<String, String> errors, HttpStatus status) {
        Map<String, Object> model = new HashMap<>();
        model.put("account", account);
        model.put("values", values);
        model.put("errors", errors);
        model.put("wards", Ward.values());
        model.put("programmes", ProposalProgramme.values());
        model.put("key", UUID.randomUUID().toString());
        return ResidentView.page(exchange, "new-proposal", "/resident/proposals/new", model, status);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
