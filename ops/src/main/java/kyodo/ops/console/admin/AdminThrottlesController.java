package kyodo.ops.console.admin;

import kyodo.kernel.problem.KyodoProblemException;
import kyodo.ops.console.ConsoleView;
import kyodo.ops.security.SignInThrottles;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * The ADMIN's unlock page: which account ids and addresses the sign-in throttle is slowing down
 * (ADR 15), and clearing a pair, an account at every address, or an address, e.g. for a member of
 * staff who mistyped their password too often. The same checks as {@code DELETE
 * /api/admin/sign-in-throttles}; only an ADMIN reaches it.
 */
@Controller
class AdminThrottlesController {

    private static final String SELF = "/console/admin/sign-in-throttles";
    private static final int LISTED = 100;
    private static final List<String> KEPT = List.of("account", "address");

    private final SignInThrottles throttles;

    AdminThrottlesController(SignInThrottles throttles) {
        this.throttles = throttles;
    }

    @GetMapping(path = SELF, produces = "text/html")
    Mono<Rendering> list(@RequestParam(required = false) Integer cleared, ServerWebExchange exchange) {
        Map<String, Object> model = AdminForms.fresh(Map.of());
        model.put("cleared", cleared != null && cleared >= 0 ? cleared : null);
        return show(model, HttpStatus.OK, exchange);
    }

    @PostMapping(path = SELF + "/unlock", produces = "text/html")
    Mono<Rendering> unlock(ServerWebExchange exchange) {
        return exchange.getFormData().map(f -> f.toSingleValueMap()).flatMap(form -> {
            try {
                int cleared = throttles.clear(AdminForms.field(form, "account"), AdminForms.field(form, "address"));
                return Mono.just(Rendering.redirectTo(SELF + "?cleared=" + cleared).status(HttpStatus.SEE_OTHER)
                        .build());
            } catch (KyodoProblemException failure) {
                Map<String, Object> model = AdminForms.refused(failure, exchange, AdminForms.kept(form, KEPT));
                model.put("cleared", null);
                return show(model, HttpStatus.valueOf(failure.toDetails().status()), exchange);
            }
        });
    }

    private Mono<Rendering> show(Map<String, Object> model, HttpStatus status, ServerWebExchange exchange) {
        model.put("throttles", throttles.list(LISTED));
        return ConsoleView.page(exchange, "admin-throttles", SELF, model, status);
    }
}
