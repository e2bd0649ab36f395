package kyodo.ops.console;

import kyodo.command.web.ActingStaff;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.ops.resident.CounterCodes;
import kyodo.query.web.Blocking;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.Map;

/**
 * Verifying a resident at the counter (issue 17): staff check an identity document, type its stable
 * identifier and the ward, and get a one-time code to hand over; the page shows the code once and
 * never echoes the identifier (kyodo keeps only its keyed pseudonym). Staff of a ward issue codes for
 * their ward; city-wide staff choose one. A person who already has a verified account is refused.
 */
@Controller
class ResidentCodePageController {

    private static final String SELF = "/console/resident-codes";

    private final CounterCodes codes;

    ResidentCodePageController(CounterCodes codes) {
        this.codes = codes;
    }

    @GetMapping(path = SELF, produces = "text/html")
    Mono<Rendering> form(ServerWebExchange exchange) {
        return ActingStaff.current().flatMap(actor -> page(exchange, actor, null, Map.of(), null, HttpStatus.OK));
    }

    @PostMapping(path = SELF, produces = "text/html")
    Mono<Rendering> issue(ServerWebExchange exchange) {
        return Mono.zip(exchange.getFormData(), ActingStaff.current()).flatMap(read -> {
            Map<String, String> form = read.getT1().toSingleValueMap();
            Actor actor = read.getT2();
            FormErrors errors = new FormErrors();
            String documentId = form.get("documentId");
            if (documentId == null || documentId.isBlank()) {
                errors.add("documentId", "NotBlank");
            } else if (documentId.strip().length() < 4 || documentId.length() > 64) {
                errors.add("documentId", "DocumentId");
            }
            Ward ward = actor.cityWide() ? Ward.fromCode(form.getOrDefault("ward", "")).orElse(null) : actor.ward();
            if (ward == null) {
                errors.add("ward", "NotNull");
            }
            if (!errors.isEmpty()) {
                return page(exchange, actor, null, errors.byField(), form.get("ward"), HttpStatus.BAD_REQUEST);
            }
            return Blocking.read(() -> codes.issue(ward, documentId, actor))
                    .flatMap(issued -> page(exchange, actor, issued, Map.of(), ward.code(), HttpStatus.OK));
        });
    }

    private static Mono<Rendering> page(ServerWebExchange exchange, Actor actor, CounterCodes.Issued issued,
                                        Map<String, FormErrors.FieldError> errors, String ward, HttpStatus status) {
        Map<String, Object> model = new HashMap<>();
        model.put("issued", issued);
        model.put("errors", errors);
        model.put("wards", ConsoleView.choosableWards(actor));
        model.put("ownWard", actor.ward());
        model.put("selectedWard", ward);
        return ConsoleView.page(exchange, "resident-code", SELF, model, status);
    }
}
