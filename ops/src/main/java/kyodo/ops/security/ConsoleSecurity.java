package kyodo.ops.security;

import kyodo.ops.console.ConsoleSettings;
import kyodo.query.portal.PortalPaths;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The staff console's sign-in (issue 16), a chain of its own for {@code /console/**} in front of the
 * stateless API chain: a browser signs in once with a form and keeps a session cookie (HttpOnly,
 * SameSite=Lax, Secure over HTTPS: WebFlux's session cookie), so every form carries a CSRF token;
 * a session ends after {@link ConsoleSettings#sessionTimeout()} without a request, and on sign-out
 * (POST). The password is checked by the same {@link LocalSignIn} as HTTP Basic, with the client
 * address, so the same throttle (ADR 15) slows a guesser per account and address and per address,
 * never the account's owner elsewhere. With a client registered at the city's OIDC provider, staff may
 * sign in with the city's account instead ({@link ConsoleOidc}). The console is for STAFF, WARD_HEAD and
 * ADMIN, its ADMIN pages ({@code /console/admin/**}) for ADMIN only; an ANALYST gets a plain 403 page, a
 * visitor who is not signed in the sign-in page.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleSettings.class)
public class ConsoleSecurity {

    static final String SIGN_IN = "/console/sign-in";
    static final String SIGN_OUT = "/console/sign-out";
    /** The console as a browser area: its sign-in page reads where a sign-in may return to from it. */
    public static final BrowserChains.Area CONSOLE = new BrowserChains.Area(PortalPaths.CONSOLE, SIGN_IN, SIGN_OUT,
            "/console", SIGN_IN + "?signedOut");

    /** Runs before the API chain, which refuses everything it does not know. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain consoleChain(ServerHttpSecurity http, SecuritySettings settings, LocalSignIn localSignIn,
                                           ConsoleSettings console, ObjectProvider<ConsoleOidc.Login> cityAccounts) {
        WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();
        BrowserChains.sessionChain(http, CONSOLE, sessions,
                        (exchange, denied) -> forbidden(exchange, denied instanceof CsrfException))
                .authorizeExchange(ex -> ex
                        .pathMatchers(HttpMethod.GET, SIGN_IN, "/console/console.css").permitAll()
                        .pathMatchers(HttpMethod.POST, SIGN_IN).permitAll()
                        .pathMatchers("/console/admin", "/console/admin/**").hasRole("ADMIN")
                        .anyExchange().hasAnyRole("STAFF", "WARD_HEAD", "ADMIN"));
        BrowserChains.SessionStart toInbox = BrowserChains.SessionStart.after(console.sessionTimeout());
        if (settings.localAccounts()) {
            // the same LocalSignIn as HTTP Basic, with the client address: the same throttle (ADR 15)
            http.addFilterAt(BrowserChains.formSignIn(localSignIn, CONSOLE, "username", LocalSignIn.Origin::new,
                    settings.trustForwardedFor(), sessions, toInbox, ConsoleSecurity::refusal),
                    SecurityWebFiltersOrder.FORM_LOGIN);
        }
        cityAccounts.ifAvailable(city -> city.apply(http, sessions, toInbox, CONSOLE));
        return http.build();
    }

    /** What the sign-in form says of a failed attempt. */
    private static String refusal(Exception failure) {
        return failure instanceof SignInSlowedDown slowed ? "slowed&retryAfter=" + slowed.retryAfterSeconds()
                : failure instanceof DisabledException ? "disabled" : "refused";
    }

    /**
     * A plain 403 page in both languages: the role may not use the console (an ANALYST), or a form came
     * without this session's CSRF token (a cross-site post, or a session that ended).
     */
    private static Mono<Void> forbidden(ServerWebExchange exchange, boolean csrf) {
        String reason = csrf
                ? "<p>フォームの確認用の値が合いません。ページを読み込み直してから、もう一度送ってください。</p>"
                + "<p lang=\"en\">The form's security token did not match: reload the page and send it again.</p>"
                : "<p>この役割では職員コンソールを使えません。</p>"
                + "<p lang=\"en\">Your role cannot use the staff console.</p>";
        return BrowserChains.plainPage(exchange, HttpStatus.FORBIDDEN, "403 禁止 / Forbidden | kyodo",
                "403 禁止 <span lang=\"en\">/ Forbidden</span>", reason + "<p><a href=\"/\">kyodo</a></p>");
    }
}
