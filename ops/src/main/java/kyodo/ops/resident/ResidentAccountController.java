package kyodo.ops.resident;

import jakarta.validation.Validator;
import kyodo.command.personal.PersonalDataErasure;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.ops.security.BrowserChains;
import kyodo.ops.security.ClientAddress;
import kyodo.ops.security.SecuritySettings;
import kyodo.query.web.Blocking;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A resident's account pages: sign-up, the mailed code, sign-in, the account itself, verification with
 * the counter's code, and deletion (their key is erased: their proposals keep their public history,
 * showing the placeholder where their name was). Each form is checked as the API checks its bodies and
 * answered with the page again and the errors beside their fields (400), or a redirect (303).
 */
@Controller
class ResidentAccountController {

    /** What the sign-in page may announce ({@code ?notice=}); anything else is ignored. */
    private static final Set<String> NOTICES = Set.of("confirmed", "deleted", "signedOut");
    private static final Set<String> SIGN_IN_ERRORS = Set.of("refused", "slowed", "unconfirmed", "providerFailed",
            "providerNoWard", "providerIncomplete");

    private final ResidentDesk desk;
    private final PersonalDataErasure erasure;
    private final Validator validator;
    private final boolean trustForwardedFor;
    private final ObjectProvider<ResidentProviderSignIn> provider;

    ResidentAccountController(ResidentDesk desk, PersonalDataErasure erasure, Validator validator,
                              SecuritySettings security, ObjectProvider<ResidentProviderSignIn> provider) {
        this.provider = provider;
        this.desk = desk;
        this.erasure = erasure;
        this.validator = validator;
        this.trustForwardedFor = security.trustForwardedFor();
    }

    @GetMapping(path = "/resident/sign-up", produces = "text/html")
    Mono<Rendering> signUpForm(ServerWebExchange exchange) {
        return ResidentView.page(exchange, "sign-up", "/resident/sign-up", form(Map.of(), Map.of()), HttpStatus.OK);
    }

    @PostMapping(path = "/resident/sign-up", produces = "text/html")
    Mono<Rendering> signUp(ServerWebExchange exchange) {
        return ResidentView.form(exchange).flatMap(values -> {
            var form = new ResidentForms.SignUp(values.get("email"), values.get("name"), values.get("password"));
            Map<String, String> errors = ResidentView.errors(validator.validate(form));
            if (!errors.isEmpty()) {
                values.remove("password");
                return ResidentView.page(exchange, "sign-up", "/resident/sign-up", form(values, errors),
                        HttpStatus.BAD_REQUEST);
            }
            String language = language(exchange);
            return Blocking.read(() -> {
                desk.signUp(form, language, address(exchange));
                return true;
            }).thenReturn(Rendering.redirectTo("/resident/confirm?sent=1").status(HttpStatus.SEE_OTHER).build());
        });
    }

    @GetMapping(path = "/resident/confirm", produces = "text/html")
    Mono<Rendering> confirmForm(@RequestParam(required = false) String sent, ServerWebExchange exchange) {
        Map<String, Object> model = form(Map.of(), Map.of());
        model.put("sent", sent != null);
        return ResidentView.page(exchange, "confirm", "/resident/confirm", model, HttpStatus.OK);
    }

    @PostMapping(path = "/resident/confirm", produces = "text/html")
    Mono<Rendering> confirm(ServerWebExchange exchange) {
        return ResidentView.form(exchange).flatMap(values -> {
            var form = new ResidentForms.Confirmation(values.get("email"), values.get("code"));
            Map<String, String> errors = ResidentView.errors(validator.validate(form));
            if (!errors.isEmpty()) {
                Map<String, Object> model = form(values, errors);
                model.put("sent", false);
                return ResidentView.page(exchange, "confirm", "/resident/confirm", model, HttpStatus.BAD_REQUEST);
            }
            return Blocking.read(() -> {
                desk.confirm(form.email(), form.code(), address(exchange));
                return true;
            }).thenReturn(Rendering.redirectTo("/resident/sign-in?notice=confirmed").status(HttpStatus.SEE_OTHER).build());
        });
    }

    @GetMapping(path = "/resident/sign-in", produces = "text/html")
    Mono<Rendering> signIn(@RequestParam(required = false) String error, @RequestParam(required = false) Long retryAfter,
                           @RequestParam(required = false) String notice, ServerWebExchange exchange) {
        String known = error != null && SIGN_IN_ERRORS.contains(error) ? error : null;
        Map<String, Object> model = new HashMap<>();
        model.put("error", known);
        model.put("retryAfter", retryAfter != null && retryAfter > 0 ? retryAfter : 1L);
        model.put("notice", notice != null && NOTICES.contains(notice) ? notice : null);
        // where the sign-in returns to (a page of the residents' area only), and the provider's button
        model.put("continueTo", ResidentSecurity.RESIDENT.destination(exchange.getRequest().getQueryParams()
                .getFirst(BrowserChains.Area.CONTINUE)).orElse(null));
        model.put("provider", provider.getIfAvailable());
        HttpStatus status = known == null ? HttpStatus.OK
                : "slowed".equals(known) ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.UNAUTHORIZED;
        return ResidentView.page(exchange, "sign-in", "/resident/sign-in", model, status);
    }

    @GetMapping(path = "/resident", produces = "text/html")
    Mono<Rendering> account(@RequestParam(required = false) String verified, ServerWebExchange exchange) {
        return current().flatMap(account -> Blocking.read(() -> desk.profile(account)).flatMap(profile -> {
            Map<String, Object> model = new HashMap<>();
            model.put("account", account);
            model.put("profile", profile.orElse(null));
            model.put("verifiedNow", verified != null);
            return ResidentView.page(exchange, "account", "/resident", model, HttpStatus.OK);
        }));
    }

    @GetMapping(path = "/resident/verification", produces = "text/html")
    Mono<Rendering> verificationForm(ServerWebExchange exchange) {
        return current().flatMap(account -> ResidentView.page(exchange, "verification", "/resident/verification",
                Map.of("account", account, "errors", Map.of()), HttpStatus.OK));
    }

    @PostMapping(path = "/resident/verification", produces = "text/html")
    Mono<Rendering> verify(ServerWebExchange exchange) {
        return Mono.zip(ResidentView.form(exchange), current()).flatMap(read -> {
            var form = new ResidentForms.Verification(read.getT1().get("code"));
            Map<String, String> errors = ResidentView.errors(validator.validate(form));
            if (!errors.isEmpty()) {
                return ResidentView.page(exchange, "verification", "/resident/verification",
                        Map.of("account", read.getT2(), "errors", errors), HttpStatus.BAD_REQUEST);
            }
            return Blocking.read(() -> desk.verify(read.getT2().id(), form.code(), address(exchange)))
                    .thenReturn(Rendering.redirectTo("/resident?verified=1").status(HttpStatus.SEE_OTHER).build());
        });
    }

    /**
     * Deletes the account: the key of the resident's personal data is destroyed first (as an erasure:
     * {@code PersonalDataErased}, every view shows the placeholder), then the account, then the session.
     */
    @PostMapping(path = "/resident/account/deletion", produces = "text/html")
    Mono<Rendering> delete(ServerWebExchange exchange) {
        return Mono.zip(ResidentView.form(exchange), current()).flatMap(read -> {
            if (!"yes".equals(read.getT1().get("confirm"))) {
                throw new KyodoProblemException(CommonProblems.INVALID_INPUT, "Tick the box to delete the account.");
            }
            ResidentAccount account = read.getT2();
            // the resident erases their own key (command/access allows a resident their own subject alone)
            return erasure.erase(account.subjectId(), ResidentProposals.actor(account, null))
                    .then(Blocking.read(() -> {
                        desk.forgetAccount(account);
                        return true;
                    }))
                    .then(exchange.getSession().flatMap(session -> session.invalidate()))
                    .then(ReactiveSecurityContextHolder.getContext().doOnNext(c -> c.setAuthentication(null)).then())
                    .thenReturn(Rendering.redirectTo("/resident/sign-in?notice=deleted").status(HttpStatus.SEE_OTHER).build());
        });
    }

    /** The resident's name and address; blocking. An erased profile (a deletion half-way) is gone. */
    ResidentAccount.Profile profileOf(ResidentAccount account) {
        return desk.profile(account).orElseThrow(() ->
                new KyodoProblemException(CommonProblems.UNAUTHENTICATED, "The account no longer exists."));
    }

    /** The signed-in resident's account, read afresh: a deleted account is signed out. */
    Mono<ResidentAccount> current() {
        return ResidentView.accountId().flatMap(id -> Blocking.read(() -> desk.account(id).orElseThrow(() ->
                new KyodoProblemException(CommonProblems.UNAUTHENTICATED, "The account no longer exists."))));
    }

    private String address(ServerWebExchange exchange) {
        return ClientAddress.of(exchange, trustForwardedFor);
    }

    private static String language(ServerWebExchange exchange) {
        var locale = exchange.getLocaleContext().getLocale();
        return locale != null && "en".equals(locale.getLanguage()) ? "en" : "ja";
    }

    private static Map<String, Object> form(Map<String, String> values, Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("values", values);
        model.put("errors", errors);
        return model;
    }
}
