package kyodo.ops.console;

import kyodo.ops.security.BrowserChains;
import kyodo.ops.security.CitySignIn;
import kyodo.ops.security.ConsoleSecurity;
import kyodo.ops.security.SecuritySettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The console's sign-in page. The form posts to the security edge ({@code kyodo.ops.security}), which
 * checks the password and sends the browser on to the inbox, or back here naming what went wrong; with
 * an OIDC provider configured, a link starts the sign-in with the city's account instead. Both carry
 * {@code ?continue=}, the console page the member of staff was going to, when it is one.
 */
@Controller
class SignInPageController {

    private final ObjectProvider<CitySignIn> citySignIn;
    private final boolean localAccounts;

    SignInPageController(ObjectProvider<CitySignIn> citySignIn, SecuritySettings security) {
        this.citySignIn = citySignIn;
        this.localAccounts = security.localAccounts();
    }

    /** What the edge may send back; anything else in {@code ?error=} is ignored. */
    private static final Set<String> ERRORS = Set.of("refused", "slowed", "disabled", "city", "cityRefused");

    @GetMapping(path = "/console/sign-in", produces = "text/html")
    Mono<Rendering> signIn(@RequestParam(required = false) String error,
                           @RequestParam(required = false) Long retryAfter, ServerWebExchange exchange) {
        Map<String, Object> model = new HashMap<>();
        String known = error != null && ERRORS.contains(error) ? error : null;
        model.put("error", known);
        model.put("retryAfter", "slowed".equals(known) && retryAfter != null && retryAfter > 0 ? retryAfter : 1L);
        // ?signedOut has no value, which WebFlux binds to a String as null: ask whether it is there at all
        model.put("signedOut", exchange.getRequest().getQueryParams().containsKey("signedOut"));
        String continueTo = ConsoleSecurity.CONSOLE.destination(exchange.getRequest().getQueryParams()
                .getFirst(BrowserChains.Area.CONTINUE)).orElse(null);
        model.put("continueTo", continueTo);
        // the button to the city's provider, only when one is configured
        CitySignIn city = citySignIn.getIfAvailable();
        model.put("cityAccount", city == null ? null : city.path());
        model.put("localAccounts", localAccounts);
        HttpStatus status = known == null ? HttpStatus.OK
                : "slowed".equals(known) ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.UNAUTHORIZED;
        return ConsoleView.page(exchange, "sign-in", "/console/sign-in", model, status);
    }
}
