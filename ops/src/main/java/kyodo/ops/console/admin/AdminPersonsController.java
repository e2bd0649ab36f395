package kyodo.ops.console.admin;

import kyodo.command.personal.PersonLookup;
import kyodo.command.personal.PersonalDataErasure;
import kyodo.command.web.ActingStaff;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.ops.console.ConsoleView;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * The ADMIN's erasure of a person (ADR 3): look the person up by contact, see which records would be
 * erased, confirm, erase every one of them. The contact travels only in POST bodies (never in a URL,
 * so no access log, proxy or history holds it) and is never logged: a refusal names the field, not the
 * value. The command side decides as for {@code /api/admin/persons}: only an ADMIN may look up or erase.
 */
@Controller
class AdminPersonsController {

    private static final String SELF = "/console/admin/persons";
    private static final String CONFIRMED = "yes";

    private final PersonLookup lookup;
    private final PersonalDataErasure erasure;

    AdminPersonsController(PersonLookup lookup, PersonalDataErasure erasure) {
        this.lookup = lookup;
        this.erasure = erasure;
    }

    @GetMapping(path = SELF, produces = "text/html")
    Mono<Rendering> form(ServerWebExchange exchange) {
        return show(AdminForms.fresh(Map.of()), HttpStatus.OK, exchange);
    }

    /** The records a contact finds, and the form that confirms their erasure (the contact in its body). */
    @PostMapping(path = SELF + "/lookup", produces = "text/html")
    Mono<Rendering> find(ServerWebExchange exchange) {
        return Mono.zip(contact(exchange), ActingStaff.current()).flatMap(asked -> lookup.find(asked.getT1(),
                        asked.getT2()).flatMap(subjects -> {
                    Map<String, Object> model = AdminForms.fresh(Map.of("contact", asked.getT1()));
                    model.put("found", subjects);
                    return show(model, HttpStatus.OK, exchange);
                }))
                .onErrorResume(KyodoProblemException.class, failure -> refused(failure, exchange));
    }

    /** Erases every record of the person, once the administrator has ticked the confirmation. */
    @PostMapping(path = SELF + "/erasure", produces = "text/html")
    Mono<Rendering> erase(ServerWebExchange exchange) {
        return Mono.zip(exchange.getFormData(), ActingStaff.current()).flatMap(asked -> {
                    String contact = asked.getT1().getFirst("contact");
                    if (!CONFIRMED.equals(asked.getT1().getFirst("confirm"))) {
                        // not confirmed: the same records again, the confirmation marked, nothing erased
                        KyodoProblemException unconfirmed = new KyodoProblemException(CommonProblems.INVALID_INPUT,
                                "Confirm the erasure first.", List.of(new FieldViolation("confirm", "tick to confirm")),
                                Map.of());
                        return lookup.find(contact, asked.getT2()).flatMap(subjects -> {
                            Map<String, Object> model = AdminForms.refused(unconfirmed, exchange,
                                    Map.of("contact", contact == null ? "" : contact));
                            model.put("found", subjects);
                            return show(model, HttpStatus.BAD_REQUEST, exchange);
                        });
                    }
                    return erasure.erasePerson(contact, asked.getT2()).flatMap(erased -> {
                        Map<String, Object> model = AdminForms.fresh(Map.of());
                        model.put("erased", erased);
                        return show(model, HttpStatus.OK, exchange);
                    });
                })
                .onErrorResume(KyodoProblemException.class, failure -> refused(failure, exchange));
    }

    private static Mono<String> contact(ServerWebExchange exchange) {
        return exchange.getFormData().map(form -> {
            String contact = form.getFirst("contact");
            return contact == null ? "" : contact;
        });
    }

    /** A refusal: the contact's field marked, the contact typed again only if the form holds one. */
    private Mono<Rendering> refused(KyodoProblemException failure, ServerWebExchange exchange) {
        return contact(exchange).flatMap(contact -> {
            Map<String, Object> model = AdminForms.refused(failure, exchange, Map.of("contact", contact));
            // a confirmation refused keeps the records shown; an unknown person shows none
            return show(model, HttpStatus.valueOf(failure.toDetails().status()), exchange);
        });
    }

    private static Mono<Rendering> show(Map<String, Object> model, HttpStatus status, ServerWebExchange exchange) {
        model.putIfAbsent("found", null);
        model.putIfAbsent("erased", null);
        return ConsoleView.page(exchange, "admin-persons", SELF, model, status);
    }
}
