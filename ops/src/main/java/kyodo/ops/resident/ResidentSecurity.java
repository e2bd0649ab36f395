package kyodo.ops.resident;

import kyodo.ops.security.ClientAddress;
import kyodo.ops.security.SecurityHeaders;
import kyodo.ops.security.SecuritySettings;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerFormLoginAuthenticationConverter;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Residents' sign-in (issue 17), a chain of its own for {@code /resident/**}, apart from the staff
 * console's and the API's: form sign-in against residents' accounts ({@link ResidentSignIn}), a
 * session (the WebFlux cookie: HttpOnly, SameSite=Lax, Secure over HTTPS; a new id at sign-in; ends
 * after {@code kyodo.residents.session-timeout} idle, or on sign-out), CSRF tokens on every form. The
 * signed-in resident is kept under a session attribute of its own, so a resident's session is nobody
 * in the console, and the API chain keeps no session at all: a resident never reaches staff pages or
 * API commands. Refusals (403) render the portal's error page through {@link ResidentErrors}.
 */
@Configuration(proxyBeanMethods = false)
class ResidentSecurity {

    static final String SIGN_IN = "/resident/sign-in";
    static final String SIGN_OUT = "/resident/sign-out";
    /** Where a resident's security context lives in the session: not where the console's does. */
    /** The signed unsubscribe link of residents' notifications: no sign-in (issue 17). */
    static final String UNSUBSCRIBE = "/resident/unsubscribe";
    static final String CONTEXT_ATTRIBUTE = "KYODO_RESIDENT_SECURITY_CONTEXT";
    private static final DefaultServerRedirectStrategy REDIRECT = new DefaultServerRedirectStrategy();

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityWebFilterChain residentChain(ServerHttpSecurity http, ResidentAccounts accounts, ResidentSecrets secrets,
                                         BCryptPasswordEncoder encoder, ResidentLimits limits,
                                         @Qualifier("passwordHashing") Scheduler hashing, ResidentSettings residents,
                                         SecuritySettings security) {
        // not a bean: the only authentication manager in the context stays the staff's (LocalSignIn)
        ResidentSignIn signIn = new ResidentSignIn(accounts, secrets, encoder, limits, hashing);
        WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();
        sessions.setSpringSecurityContextAttrName(CONTEXT_ATTRIBUTE);
        http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/resident", "/resident/**"))
                .securityContextRepository(sessions)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .cors(ServerHttpSecurity.CorsSpec::disable)
                // a mail program's one-click unsubscribe (RFC 8058) has no session: its signature authorises it
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(
                        CsrfWebFilter.DEFAULT_CSRF_MATCHER, new NegatedServerWebExchangeMatcher(
                                ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, UNSUBSCRIBE)))))
                .headers(headers -> headers
                        .frameOptions(f -> f.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
                .addFilterAfter(new SecurityHeaders(), SecurityWebFiltersOrder.FIRST)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(new RedirectServerAuthenticationEntryPoint(SIGN_IN))
                        .accessDeniedHandler((exchange, denied) -> forbidden(exchange)))
                .logout(logout -> logout.logoutUrl(SIGN_OUT)
                        .logoutHandler(new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(),
                                new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler(redirect(SIGN_IN + "?notice=signedOut")))
                .authorizeExchange(ex -> ex
                        .pathMatchers(HttpMethod.GET, SIGN_IN, "/resident/sign-up", "/resident/confirm", UNSUBSCRIBE).permitAll()
                        .pathMatchers(HttpMethod.POST, SIGN_IN, "/resident/sign-up", "/resident/confirm", UNSUBSCRIBE).permitAll()
                        .anyExchange().hasRole(ResidentSignIn.ROLE))
                .addFilterAt(formSignIn(signIn, sessions, residents, security.trustForwardedFor()),
                        SecurityWebFiltersOrder.FORM_LOGIN);
        return http.build();
    }

    /** The sign-in form's POST: success starts a fresh session with the resident's timeout, failure says why. */
    private static AuthenticationWebFilter formSignIn(ResidentSignIn signIn, WebSessionServerSecurityContextRepository sessions,
                                                      ResidentSettings settings, boolean trustForwardedFor) {
        ServerFormLoginAuthenticationConverter form = new ServerFormLoginAuthenticationConverter();
        form.setUsernameParameter("email");
        AuthenticationWebFilter filter = new AuthenticationWebFilter(signIn);
        filter.setRequiresAuthenticationMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, SIGN_IN));
        filter.setServerAuthenticationConverter(exchange -> form.convert(exchange).map(attempt -> {
            ((UsernamePasswordAuthenticationToken) attempt).setDetails(
                    new ResidentSignIn.Origin(ClientAddress.of(exchange, trustForwardedFor)));
            return attempt;
        }));
        filter.setSecurityContextRepository(sessions);
        RedirectServerAuthenticationSuccessHandler toAccount = new RedirectServerAuthenticationSuccessHandler("/resident");
        filter.setAuthenticationSuccessHandler((webFilterExchange, authentication) -> webFilterExchange.getExchange()
                .getSession()
                .doOnNext(session -> session.setMaxIdleTime(settings.sessionTimeout()))
                .then(toAccount.onAuthenticationSuccess(webFilterExchange, authentication)));
        filter.setAuthenticationFailureHandler((webFilterExchange, failure) -> {
            String reason = failure instanceof ResidentSignIn.TooManyAttempts slowed
                    ? "slowed&retryAfter=" + slowed.retryAfter()
                    : failure instanceof DisabledException ? "unconfirmed" : "refused";
            return REDIRECT.sendRedirect(webFilterExchange.getExchange(), URI.create(SIGN_IN + "?error=" + reason));
        });
        return filter;
    }

    /**
     * A form without this session's CSRF token (a cross-site post, or a session that ended): a plain 403
     * page in both languages that leads back to the sign-in page. Nothing was done.
     */
    private static Mono<Void> forbidden(ServerWebExchange exchange) {
        String page = "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>403 | kyodo</title><link rel=\"stylesheet\" href=\"/portal/portal.css\"></head>"
                + "<body><main id=\"main\"><h1>403</h1><p>フォームの確認用の値が合いません。ページを読み込み直してください。</p>"
                + "<p lang=\"en\">The form's security token did not match: reload the page.</p>"
                + "<p><a href=\"" + SIGN_IN + "\">kyodo</a></p></main></body></html>";
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(page.getBytes(StandardCharsets.UTF_8))));
    }

    private static RedirectServerLogoutSuccessHandler redirect(String location) {
        RedirectServerLogoutSuccessHandler handler = new RedirectServerLogoutSuccessHandler();
        handler.setLogoutSuccessUrl(URI.create(location));
        return handler;
    }
}
