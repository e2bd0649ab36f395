package kyodo.ops.console.admin;

import kyodo.kernel.Ward;
import kyodo.kernel.access.Role;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.ops.console.ConsoleView;
import kyodo.ops.security.StaffAccount;
import kyodo.ops.security.StaffAccounts;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ADMIN's accounts page (the console's face of {@code /api/admin/accounts}): the local accounts,
 * a new account, a new password for one, disabling one. A generated password is shown once, in the
 * answer to the form that made it, and never again; the account store refuses what the API refuses
 * (a taken id, an account fixed in configuration, a role without its ward), shown beside the field.
 * Only an ADMIN reaches it: the console's chain decides.
 */
@Controller
class AdminAccountsController {

    private static final String SELF = "/console/admin/accounts";
    private static final Set<String> DONE = Set.of("disabled");
    private static final List<String> KEPT = List.of("username", "role", "ward");

    private final StaffAccounts accounts;
    private final Scheduler passwordHashing;

    AdminAccountsController(StaffAccounts accounts, @Qualifier("passwordHashing") Scheduler passwordHashing) {
        this.accounts = accounts;
        this.passwordHashing = passwordHashing;
    }

    /** A password just generated, to show once. */
    record Issued(String username, String password, boolean created) {
    }

    @GetMapping(path = "/console/admin", produces = "text/html")
    Mono<Rendering> index(ServerWebExchange exchange) {
        return ConsoleView.page(exchange, "admin", "/console/admin", Map.of(), HttpStatus.OK);
    }

    @GetMapping(path = SELF, produces = "text/html")
    Mono<Rendering> list(@RequestParam(required = false) String done, @RequestParam(required = false) String account,
                         ServerWebExchange exchange) {
        Map<String, Object> model = AdminForms.fresh(Map.of());
        model.put("done", done != null && DONE.contains(done) ? done : null);
        model.put("doneAccount", account);
        return show(model, HttpStatus.OK, exchange);
    }

    @PostMapping(path = SELF, produces = "text/html")
    Mono<Rendering> create(ServerWebExchange exchange) {
        return exchange.getFormData().map(f -> f.toSingleValueMap()).flatMap(form -> Mono.fromCallable(() -> {
                    String username = AdminForms.field(form, "username");
                    String password = accounts.create(username, AdminForms.field(form, "role"),
                            AdminForms.field(form, "ward"));
                    return new Issued(username, password, true);
                }).subscribeOn(passwordHashing)
                .flatMap(issued -> issued(issued, exchange))
                .onErrorResume(KyodoProblemException.class, failure -> show(AdminForms.refused(failure, exchange,
                        AdminForms.kept(form, KEPT)), HttpStatus.valueOf(failure.toDetails().status()), exchange)));
    }

    @PostMapping(path = SELF + "/{username}/password-reset", produces = "text/html")
    Mono<Rendering> reset(@PathVariable String username, ServerWebExchange exchange) {
        return Mono.fromCallable(() -> new Issued(username, accounts.resetPassword(username), false))
                .subscribeOn(passwordHashing)
                .flatMap(issued -> issued(issued, exchange))
                .onErrorResume(KyodoProblemException.class, failure -> show(AdminForms.refused(failure, exchange,
                        Map.of()), HttpStatus.valueOf(failure.toDetails().status()), exchange));
    }

    @PostMapping(path = SELF + "/{username}/disable", produces = "text/html")
    Mono<Rendering> disable(@PathVariable String username, ServerWebExchange exchange) {
        return Mono.fromCallable(() -> {
                    accounts.disable(username);
                    return username;
                }).subscribeOn(passwordHashing)
                .map(done -> Rendering.redirectTo(SELF + "?done=disabled&account={account}")
                        .modelAttribute("account", done).status(HttpStatus.SEE_OTHER).build())
                .onErrorResume(KyodoProblemException.class, failure -> show(AdminForms.refused(failure, exchange,
                        Map.of()), HttpStatus.valueOf(failure.toDetails().status()), exchange));
    }

    private Mono<Rendering> issued(Issued issued, ServerWebExchange exchange) {
        Map<String, Object> model = AdminForms.fresh(Map.of());
        model.put("issued", issued);
        return show(model, issued.created() ? HttpStatus.CREATED : HttpStatus.OK, exchange);
    }

    private Mono<Rendering> show(Map<String, Object> model, HttpStatus status, ServerWebExchange exchange) {
        return Mono.fromCallable(accounts::list).subscribeOn(passwordHashing).flatMap(all -> {
            model.putIfAbsent("issued", null);
            model.putIfAbsent("done", null);
            model.put("accounts", all.stream().map(AccountRow::of).toList());
            model.put("roles", Arrays.stream(Role.values()).filter(Role::staff).map(Role::name).toList());
            model.put("wards", Arrays.asList(Ward.values()));
            return ConsoleView.page(exchange, "admin-accounts", SELF, model, status);
        });
    }

    /** An account as the page lists it: never its hash. */
    record AccountRow(String username, String role, Ward ward, boolean enabled, boolean stored) {

        static AccountRow of(StaffAccount account) {
            return new AccountRow(account.username(), account.actor().role().name(), account.actor().ward(),
                    account.enabled(), !account.fromConfiguration());
        }
    }
}
