package kyodo.ops.security;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerFormLoginAuthenticationConverter;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * What the browser areas' chains share (the staff console's, {@link ConsoleSecurity}, and residents'):
 * a chain of their own for the area's paths with a session, no request cache, no HTTP Basic, frames
 * denied, no referrer, a redirect to the sign-in page for a visitor, sign-out by POST; and a sign-in
 * form whose attempt carries the client address (the throttles key on it) and whose success starts a
 * fresh session with the area's idle timeout. Each area says only its paths, its roles and its words.
 */
public final class BrowserChains {

    private static final DefaultServerRedirectStrategy REDIRECT = new DefaultServerRedirectStrategy();

    private BrowserChains() {
    }

    /**
     * One browser area: its paths, where a sign-in leads ({@code home}) and where a sign-out does.
     *
     * @param root the area's root path; the chain covers it and everything under it
     */
    public record Area(String root, String signIn, String signOut, String home, String signedOut) {
    }

    /** What follows any sign-in to an area: the session times out as configured, the browser goes home. */
    @FunctionalInterface
    public interface SessionStart {
        Mono<Void> start(WebFilterExchange exchange, Authentication signedIn);

        static SessionStart after(Duration idleTimeout, String home) {
            RedirectServerAuthenticationSuccessHandler toHome = new RedirectServerAuthenticationSuccessHandler(home);
            return (webFilterExchange, authentication) -> webFilterExchange.getExchange().getSession()
                    .doOnNext(session -> session.setMaxIdleTime(idleTimeout))
                    .then(toHome.onAuthenticationSuccess(webFilterExchange, authentication));
        }
    }

    /** The area's chain up to its authorisations, which the caller adds. */
    public static ServerHttpSecurity sessionChain(ServerHttpSecurity http, Area area,
                                                  WebSessionServerSecurityContextRepository sessions,
                                                  ServerAccessDeniedHandler denied) {
        RedirectServerLogoutSuccessHandler signedOut = new RedirectServerLogoutSuccessHandler();
        signedOut.setLogoutSuccessUrl(URI.create(area.signedOut()));
        return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(area.root(), area.root() + "/**"))
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
                        .authenticationEntryPoint(new RedirectServerAuthenticationEntryPoint(area.signIn()))
                        .accessDeniedHandler(denied))
                .logout(logout -> logout.logoutUrl(area.signOut())
                        .logoutHandler(new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(),
                                new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler(signedOut));
    }

    /**
     * The sign-in form's POST: the attempt carries the client address ({@code origin} makes the
     * authentication's details of it); success starts the session, failure sends the browser back to the
     * form with {@code ?error=} and what {@code reason} says of the failure (no account, a wrong password
     * and a made-up id read alike).
     */
    public static AuthenticationWebFilter formSignIn(ReactiveAuthenticationManager manager, Area area,
                                                     String usernameParameter, Function<String, Object> origin,
                                                     boolean trustForwardedFor,
                                                     WebSessionServerSecurityContextRepository sessions,
                                                     SessionStart start,
                                                     Function<AuthenticationException, String> reason) {
        ServerFormLoginAuthenticationConverter form = new ServerFormLoginAuthenticationConverter();
        form.setUsernameParameter(usernameParameter);
        AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
        filter.setRequiresAuthenticationMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, area.signIn()));
        filter.setServerAuthenticationConverter(exchange -> form.convert(exchange).map(attempt -> {
            ((UsernamePasswordAuthenticationToken) attempt).setDetails(
                    origin.apply(ClientAddress.of(exchange, trustForwardedFor)));
            return attempt;
        }));
        filter.setSecurityContextRepository(sessions);
        filter.setAuthenticationSuccessHandler(start::start);
        filter.setAuthenticationFailureHandler((webFilterExchange, failure) -> REDIRECT.sendRedirect(
                webFilterExchange.getExchange(), URI.create(area.signIn() + "?error=" + reason.apply(failure))));
        return filter;
    }

    /**
     * A plain page written by the chain itself (a 403 comes before any controller): the portal's styles,
     * the title and heading given, the body's HTML after the heading.
     */
    public static Mono<Void> plainPage(ServerWebExchange exchange, HttpStatus status, String title, String heading,
                                       String body) {
        String page = "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + title + "</title><link rel=\"stylesheet\" href=\"/portal/portal.css\">"
                + "</head><body><main id=\"main\"><h1>" + heading + "</h1>" + body + "</main></body></html>";
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(page.getBytes(StandardCharsets.UTF_8))));
    }
}
