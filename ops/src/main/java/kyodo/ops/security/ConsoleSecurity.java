package kyodo.ops.security;

import kyodo.ops.console.ConsoleSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
import org.springframework.security.core.Authentication;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerFormLoginAuthenticationConverter;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.nio.charset.StandardCharsets;

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
class ConsoleSecurity {

    static final String SIGN_IN = "/console/sign-in";
    static final String SIGN_OUT = "/console/sign-out";
    private static final DefaultServerRedirectStrategy SIGN_IN_AGAIN = new DefaultServerRedirectStrategy();

    /** Runs before the API chain, which refuses everything it does not know. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain consoleChain(ServerHttpSecurity http, SecuritySettings settings, LocalSignIn localSignIn,
                                           ConsoleSettings console, ObjectProvider<ConsoleOidc.Login> cityAccounts) {
        WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();
        http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/console", "/console/**"))
                .securityContextRepository(sessions)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .headers(headers -> headers
                        .frameOptions(f -> f.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
                .addFilterAfter(new SecurityHeaders(), SecurityWebFiltersOrder.FIRST)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(new RedirectServerAuthenticationEntryPoint(SIGN_IN))
                        .accessDeniedHandler((exchange, denied) -> forbidden(exchange, denied instanceof CsrfException)))
                .logout(logout -> logout.logoutUrl(SIGN_OUT)
                        .logoutHandler(new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(),
                                new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler(redirect(SIGN_IN + "?signedOut")))
                .authorizeExchange(ex -> ex
                        .pathMatchers(HttpMethod.GET, SIGN_IN, "/console/console.css").permitAll()
                        .pathMatchers(HttpMethod.POST, SIGN_IN).permitAll()
                        .pathMatchers("/console/admin", "/console/admin/**").hasRole("ADMIN")
                        .anyExchange().hasAnyRole("STAFF", "WARD_HEAD", "ADMIN"));
        SessionStart toInbox = sessionStart(console);
        if (settings.localAccounts()) {
            http.addFilterAt(formSignIn(localSignIn, sessions, toInbox, settings.trustForwardedFor()),
                    SecurityWebFiltersOrder.FORM_LOGIN);
        }
        cityAccounts.ifAvailable(city -> city.apply(http, sessions, toInbox, SIGN_IN));
        return http.build();
    }

    /**
     * The sign-in form's POST: the attempt carries the client address to {@link LocalSignIn}; success
     * starts a fresh session (a new id: no fixation) that times out as configured, failure sends the
     * browser back to the form with what went wrong (no account, wrong password and a made-up id read
     * alike).
     */
    private static AuthenticationWebFilter formSignIn(LocalSignIn localSignIn,
                                                      WebSessionServerSecurityContextRepository sessions,
                                                      SessionStart toInbox, boolean trustForwardedFor) {
        ServerFormLoginAuthenticationConverter form = new ServerFormLoginAuthenticationConverter();
        AuthenticationWebFilter filter = new AuthenticationWebFilter(localSignIn);
        filter.setRequiresAuthenticationMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, SIGN_IN));
        filter.setServerAuthenticationConverter(exchange -> form.convert(exchange).map(attempt -> {
            ((UsernamePasswordAuthenticationToken) attempt).setDetails(
                    new LocalSignIn.Origin(ClientAddress.of(exchange, trustForwardedFor)));
            return attempt;
        }));
        filter.setSecurityContextRepository(sessions);
        filter.setAuthenticationSuccessHandler(toInbox::start);
        filter.setAuthenticationFailureHandler((webFilterExchange, failure) -> {
            String reason = failure instanceof SignInSlowedDown slowed ? "slowed&retryAfter=" + slowed.retryAfterSeconds()
                    : failure instanceof DisabledException ? "disabled" : "refused";
            return SIGN_IN_AGAIN.sendRedirect(webFilterExchange.getExchange(), URI.create(SIGN_IN + "?error=" + reason));
        });
        return filter;
    }

    /** What follows any sign-in to the console: the session times out as configured, the browser goes to the inbox. */
    @FunctionalInterface
    interface SessionStart {
        Mono<Void> start(WebFilterExchange exchange, Authentication signedIn);
    }

    private static SessionStart sessionStart(ConsoleSettings console) {
        RedirectServerAuthenticationSuccessHandler toInbox = new RedirectServerAuthenticationSuccessHandler("/console");
        return (webFilterExchange, authentication) -> webFilterExchange.getExchange().getSession()
                .doOnNext(session -> session.setMaxIdleTime(console.sessionTimeout()))
                .then(toInbox.onAuthenticationSuccess(webFilterExchange, authentication));
    }

    private static RedirectServerLogoutSuccessHandler redirect(String location) {
        RedirectServerLogoutSuccessHandler handler = new RedirectServerLogoutSuccessHandler();
        handler.setLogoutSuccessUrl(URI.create(location));
        return handler;
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
        String page = "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>403 禁止 / Forbidden | kyodo</title><link rel=\"stylesheet\" href=\"/portal/portal.css\">"
                + "</head><body><main id=\"main\"><h1>403 禁止 <span lang=\"en\">/ Forbidden</span></h1>" + reason
                + "<p><a href=\"/\">kyodo</a></p></main></body></html>";
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(page.getBytes(StandardCharsets.UTF_8))));
    }
}
