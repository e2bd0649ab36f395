package kyodo.ops.resident;

import kyodo.ops.security.BrowserChains;
import kyodo.ops.security.SecuritySettings;
import kyodo.query.portal.PortalPaths;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Residents' sign-in (issue 17), a chain of its own for {@code /resident/**}, apart from the staff
 * console's and the API's: form sign-in against residents' accounts ({@link ResidentSignIn}) or, when
 * one is configured, at the residents' OIDC provider ({@link ResidentOidc}), a
 * session (the WebFlux cookie: HttpOnly, SameSite=Lax, Secure over HTTPS; a new id at sign-in; ends
 * after {@code kyodo.residents.session-timeout} idle, or on sign-out), CSRF tokens on every form. The
 * signed-in resident is kept under a session attribute of its own, so a resident's session is nobody
 * in the console, and the API chain keeps no session at all: a resident never reaches staff pages or
 * API commands. A visitor who asked for a page of the area (a portal's follow or support link) signs
 * in and lands on it ({@link BrowserChains.Area#destination}). Refusals (403) render the portal's error
 * page through {@link ResidentErrors}.
 */
@Configuration(proxyBeanMethods = false)
public class ResidentSecurity {

    static final String SIGN_IN = "/resident/sign-in";
    static final String SIGN_OUT = "/resident/sign-out";
    /** The signed unsubscribe link of residents' notifications: no sign-in (issue 17). */
    static final String UNSUBSCRIBE = "/resident/unsubscribe";
    /** Where a resident's security context lives in the session: not where the console's does. */
    static final String CONTEXT_ATTRIBUTE = "KYODO_RESIDENT_SECURITY_CONTEXT";
    /** Residents' pages as a browser area (the paths the portal knows as theirs). */
    public static final BrowserChains.Area RESIDENT = new BrowserChains.Area(PortalPaths.RESIDENT, SIGN_IN, SIGN_OUT,
            "/resident", SIGN_IN + "?notice=signedOut");

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityWebFilterChain residentChain(ServerHttpSecurity http, ResidentAccounts accounts, ResidentSecrets secrets,
                                         BCryptPasswordEncoder encoder, ResidentLimits limits,
                                         @Qualifier("passwordHashing") Scheduler hashing, ResidentSettings residents,
                                         SecuritySettings security, ObjectProvider<ResidentOidc.Login> provider) {
        // not a bean: the only authentication manager in the context stays the staff's (LocalSignIn)
        ResidentSignIn signIn = new ResidentSignIn(accounts, secrets, encoder, limits, hashing);
        WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();
        sessions.setSpringSecurityContextAttrName(CONTEXT_ATTRIBUTE);
        BrowserChains.SessionStart start = BrowserChains.SessionStart.after(residents.sessionTimeout());
        BrowserChains.sessionChain(http, RESIDENT, sessions, (exchange, denied) -> forbidden(exchange))
                // a mail program's one-click unsubscribe (RFC 8058) has no session: its signature authorises it
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(
                        CsrfWebFilter.DEFAULT_CSRF_MATCHER, new NegatedServerWebExchangeMatcher(
                                ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, UNSUBSCRIBE)))))
                .authorizeExchange(ex -> ex
                        .pathMatchers(HttpMethod.GET, SIGN_IN, "/resident/sign-up", "/resident/confirm", UNSUBSCRIBE).permitAll()
                        .pathMatchers(HttpMethod.POST, SIGN_IN, "/resident/sign-up", "/resident/confirm", UNSUBSCRIBE).permitAll()
                        .anyExchange().hasRole(ResidentSignIn.ROLE))
                .addFilterAt(BrowserChains.formSignIn(signIn, RESIDENT, "email", ResidentSignIn.Origin::new,
                        security.trustForwardedFor(), sessions, start, ResidentSecurity::refusal),
                        SecurityWebFiltersOrder.FORM_LOGIN);
        // with a residents' OIDC provider configured: "sign in with <provider>" (ResidentOidc)
        provider.ifAvailable(oidc -> oidc.apply(http, sessions, start, RESIDENT));
        return http.build();
    }

    /** What the sign-in form says of a failed attempt. */
    private static String refusal(Exception failure) {
        return failure instanceof ResidentSignIn.TooManyAttempts slowed ? "slowed&retryAfter=" + slowed.retryAfter()
                : failure instanceof DisabledException ? "unconfirmed" : "refused";
    }

    /**
     * A form without this session's CSRF token (a cross-site post, or a session that ended): a plain 403
     * page in both languages that leads back to the sign-in page. Nothing was done.
     */
    private static Mono<Void> forbidden(ServerWebExchange exchange) {
        return BrowserChains.plainPage(exchange, HttpStatus.FORBIDDEN, "403 | kyodo", "403",
                "<p>フォームの確認用の値が合いません。ページを読み込み直してください。</p>"
                        + "<p lang=\"en\">The form's security token did not match: reload the page.</p>"
                        + "<p><a href=\"" + SIGN_IN + "\">kyodo</a></p>");
    }
}
