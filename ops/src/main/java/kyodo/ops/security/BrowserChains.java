package kyodo.ops.security;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
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
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the browser areas' chains share (the staff console's, {@link ConsoleSecurity}, and residents'):
 * a chain of their own for the area's paths with a session, no request cache, no HTTP Basic, frames
 * denied, no referrer, a redirect to the sign-in page for a visitor, sign-out by POST; and a sign-in
 * form whose attempt carries the client address (the throttles key on it) and whose success starts a
 * fresh session with the area's idle timeout. A visitor who asked for a page of the area is sent to
 * {@code <sign-in>?continue=<that page>} and, once signed in (by form or at an OIDC provider), lands on
 * it: only a relative path of the same area ({@link Area#destination}), so no sign-in ever redirects
 * off-site. Each area says only its paths, its roles and its words.
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

        /** The query parameter that carries where a sign-in returns to. */
        public static final String CONTINUE = "continue";
        private static final int LONGEST_DESTINATION = 1_000;

        /**
         * Where a sign-in may return to: a relative path of this area (with its query), never another
         * site, another area, the sign-in or sign-out itself, nor a path a browser would read as elsewhere
         * ({@code //host}, {@code /\host}, dot segments, encoded slashes, backslashes or dots).
         */
        public Optional<String> destination(String candidate) {
            if (candidate == null || candidate.isEmpty() || candidate.length() > LONGEST_DESTINATION
                    || candidate.indexOf('\\') >= 0) {
                return Optional.empty();
            }
            URI uri;
            try {
                uri = new URI(candidate);
            } catch (URISyntaxException notAUri) {
                return Optional.empty();
            }
            String path = uri.getRawPath();
            if (uri.isOpaque() || uri.getScheme() != null || uri.getRawAuthority() != null
                    || uri.getRawFragment() != null || path == null || !covers(path)) {
                return Optional.empty();
            }
            String lower = path.toLowerCase(Locale.ROOT);
            if (path.contains("//") || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c")
                    || !uri.normalize().getRawPath().equals(path)
                    || path.equals(signIn) || path.equals(signOut) || path.startsWith(root + "/oauth2/")) {
                return Optional.empty();
            }
            return Optional.of(candidate);
        }

        /** Whether a (canonical) request path is the area's root or under it: one of the area's pages. */
        public boolean covers(String path) {
            return path.equals(root) || path.startsWith(root + "/");
        }

        /** Where a sign-in leads: the destination if it is one of this area's, else home. */
        public String after(String candidate) {
            return destination(candidate).orElse(home);
        }

        /**
         * The sign-in page for a visitor who asked for this request: with {@code ?continue=} the page
         * they asked for, when it is a page (GET) worth returning to; else the plain sign-in page.
         */
        String signInFor(ServerHttpRequest request) {
            String rawQuery = request.getURI().getRawQuery();
            String asked = request.getURI().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery);
            boolean page = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
            return destination(asked).filter(to -> page && !to.equals(home))
                    .map(to -> signIn + "?" + CONTINUE + "=" + URLEncoder.encode(to, StandardCharsets.UTF_8))
                    .orElse(signIn);
        }

        /** The session attribute that keeps the destination while the browser is at an OIDC provider. */
        private String destinationAttribute() {
            return "KYODO_CONTINUE" + root.replace('/', '_').toUpperCase(Locale.ROOT);
        }

        /**
         * Keeps the request's {@code ?continue=} (when it is one of this area's) in the session, for after a
         * sign-in at an OIDC provider; a flow started without one forgets any earlier one.
         */
        public Mono<Void> rememberDestination(ServerWebExchange exchange) {
            Optional<String> to = destination(exchange.getRequest().getQueryParams().getFirst(CONTINUE));
            return exchange.getSession().doOnNext(session -> {
                if (to.isPresent()) {
                    session.getAttributes().put(destinationAttribute(), to.get());
                } else {
                    session.getAttributes().remove(destinationAttribute());
                }
            }).then();
        }

        /** The destination kept by {@link #rememberDestination}, taken out of the session (home without one). */
        public Mono<String> rememberedDestination(ServerWebExchange exchange) {
            return exchange.getSession().map(session -> after((String) session.getAttributes()
                    .remove(destinationAttribute())));
        }
    }

    /**
     * What follows any sign-in to an area: the session times out as configured, the browser goes on to
     * the destination (a path of the area, checked by {@link Area#destination}).
     */
    @FunctionalInterface
    public interface SessionStart {
        Mono<Void> start(WebFilterExchange exchange, Authentication signedIn, String destination);

        static SessionStart after(Duration idleTimeout) {
            return (webFilterExchange, authentication, destination) -> webFilterExchange.getExchange().getSession()
                    .doOnNext(session -> session.setMaxIdleTime(idleTimeout))
                    .then(REDIRECT.sendRedirect(webFilterExchange.getExchange(), URI.create(destination)));
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
                        .authenticationEntryPoint((exchange, notSignedIn) -> REDIRECT.sendRedirect(exchange,
                                URI.create(area.signInFor(exchange.getRequest()))))
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
     * and a made-up id read alike), and with the page the visitor was going to, if any.
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
        // the form carries the page the visitor asked for (the sign-in page's ?continue=), checked again here
        filter.setAuthenticationSuccessHandler((webFilterExchange, signedIn) -> webFilterExchange.getExchange()
                .getFormData().flatMap(posted -> start.start(webFilterExchange, signedIn,
                        area.after(posted.getFirst(Area.CONTINUE)))));
        filter.setAuthenticationFailureHandler((webFilterExchange, failure) -> webFilterExchange.getExchange()
                .getFormData().flatMap(posted -> REDIRECT.sendRedirect(webFilterExchange.getExchange(),
                        URI.create(area.signIn() + "?error=" + reason.apply(failure) + area.destination(
                                posted.getFirst(Area.CONTINUE)).map(to -> "&" + Area.CONTINUE + "="
                                + URLEncoder.encode(to, StandardCharsets.UTF_8)).orElse("")))));
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
