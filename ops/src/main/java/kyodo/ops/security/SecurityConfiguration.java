package kyodo.ops.security;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.ops.startup.OpsStores;
import kyodo.query.portal.PortalPaths;
import kyodo.kernel.problem.web.ProblemAnswers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.reactive.WebFluxRegistrations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.ServerHttpBasicAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may call what (docs/api.md, "Areas and who may call them"), at the edge of the deployable:
 * {@code /public/**}, the portal's pages ({@link PortalPaths}), health and API docs are anonymous;
 * {@code /analytics/**} and the metrics ({@code /actuator/prometheus}) are for ANALYST and ADMIN;
 * {@code /api/admin/**} for ADMIN; the rest of
 * {@code /api/**} for staff (STAFF, WARD_HEAD, ADMIN); anything else is refused. The sides check again what the URL can't know: the command side
 * the role per command and the subject's ward, the query side whose personal data a reader may see.
 *
 * <p>Sign-in is stateless, with every request: HTTP Basic against the local accounts (embedded
 * default) and, when an OIDC provider is configured ({@code spring.security.oauth2.resourceserver.jwt.*}),
 * bearer JWTs. No session, no cookie, hence no CSRF token. Failed password sign-ins are slowed down
 * per account and address and per address ({@link SignInThrottle}, ADR 15), never locked for everyone.
 * The staff console's pages ({@code /console/**}) are the exception: a chain of their own, in front of
 * this one, signs browsers in with a form and a session ({@link ConsoleSecurity}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecuritySettings.class)
public class SecurityConfiguration {

    /**
     * Spring Security observes none of its filters, sign-ins and decisions (issue 13): with an observation
     * registry present it wraps every filter of the chain in an observation of its own and times each
     * sign-in and access decision, a share of every request's CPU (the HTTP server's own
     * {@code http.server.requests} meters, the ones documented, are kept).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    BCryptPasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(12);
    }

    @Bean(destroyMethod = "close")
    StaffAccounts staffAccounts(SecuritySettings settings, Environment env, BCryptPasswordEncoder encoder, Clock clock) {
        return new StaffAccounts(settings.accounts(), OpsStores.url(settings.accountsUrl(), env, OpsStores.STAFF_ACCOUNTS),
                encoder, clock);
    }

    @Bean(destroyMethod = "dispose")
    Scheduler passwordHashing() {
        return Schedulers.newBoundedElastic(2, 1_000, "kyodo-password-hashing");
    }

    @Bean
    SignInThrottle signInThrottle(SecuritySettings settings, Clock clock) {
        return new SignInThrottle(SignInThrottle.Settings.of(settings.rateLimit()), clock);
    }

    @Bean
    LocalSignIn localSignIn(StaffAccounts accounts, SignInThrottle signInThrottle, Scheduler passwordHashing,
                            Clock clock) {
        return new LocalSignIn(accounts, signInThrottle, passwordHashing, clock);
    }

    /**
     * Spring Security's strict firewall, each header it checks checked once per request
     * ({@link CheckedOnceFirewall}).
     */
    @Bean
    ServerWebExchangeFirewall firewall() {
        return new CheckedOnceFirewall();
    }

    /** The annotated routes' lookup compares the path first ({@link PathFirstMapping}). */
    @Bean
    WebFluxRegistrations pathFirstMapping() {
        return PathFirstMapping.registrations();
    }

    /**
     * Spring Security's firewall refuses URLs with encoded slashes, dot segments, control characters
     * and the like before anything else runs; it answers in problem+json like every other refusal.
     */
    @Bean
    ServerExchangeRejectedHandler rejectedRequests() {
        return (exchange, rejected) -> ProblemAnswers.write(exchange,
                ProblemDetails.of(CommonProblems.MALFORMED_REQUEST,
                        "The URL or a header holds characters that are not accepted (e.g. an encoded slash or "
                                + "a dot segment)."));
    }

    @Bean
    SecurityWebFilterChain kyodoSecurity(ServerHttpSecurity http, SecuritySettings settings, LocalSignIn localSignIn,
                                         ObjectProvider<ReactiveJwtDecoder> jwtDecoder, Clock clock) {
        boolean oidc = jwtDecoder.getIfAvailable() != null;
        List<String> challenges = new ArrayList<>();
        if (settings.localAccounts()) {
            challenges.add("Basic realm=\"kyodo\", charset=\"UTF-8\"");
        }
        if (oidc) {
            challenges.add("Bearer realm=\"kyodo\"");
        }
        RateLimitFilter limits = new RateLimitFilter(settings, new EdgeLimits(clock));
        EdgeAnswers answers = new EdgeAnswers(String.join(", ", challenges));

        String[] portal = PortalPaths.PATTERNS.toArray(String[]::new);
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .exceptionHandling(e -> e.authenticationEntryPoint(answers).accessDeniedHandler(answers))
                .headers(headers -> headers
                        .frameOptions(f -> f.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
                .addFilterAfter(new SecurityHeaders(), SecurityWebFiltersOrder.FIRST)
                // after sign-in: only callers who are not signed in count against the public limit
                .addFilterBefore(limits, SecurityWebFiltersOrder.AUTHORIZATION)
                .authorizeExchange(ex -> ex
                        .pathMatchers("/public/**", "/actuator/health", "/actuator/health/**", "/v3/api-docs",
                                "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**").permitAll()
                        // the public portal's pages and static files (ADR 21), GET and HEAD only: nothing there writes
                        .pathMatchers(HttpMethod.GET, portal).permitAll()
                        .pathMatchers(HttpMethod.HEAD, portal).permitAll()
                        .pathMatchers("/analytics/**", "/actuator/prometheus").hasAnyRole("ANALYST", "ADMIN")
                        .pathMatchers("/api/admin/**").hasRole("ADMIN")
                        .pathMatchers("/api/**").hasAnyRole("STAFF", "WARD_HEAD", "ADMIN")
                        .anyExchange().denyAll());
        http.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable);
        if (settings.localAccounts()) {
            http.addFilterAt(basicSignIn(localSignIn, answers, settings.trustForwardedFor()),
                    SecurityWebFiltersOrder.HTTP_BASIC);
        }
        if (oidc) {
            http.oauth2ResourceServer(rs -> rs.authenticationEntryPoint(answers).accessDeniedHandler(answers)
                    .jwt(jwt -> jwt.jwtDecoder(jwtDecoder.getObject())
                            .jwtAuthenticationConverter(new OidcActors(settings.jwt()))));
        }
        http.cors(ServerHttpSecurity.CorsSpec::disable);
        if (!settings.cors().allowedOrigins().isEmpty()) {
            http.addFilterAt(new ProblemCorsFilter(corsSource(settings.cors().allowedOrigins())),
                    SecurityWebFiltersOrder.CORS);
        }
        return http.build();
    }

    /**
     * HTTP Basic as Spring Security's own filter does it, except that each attempt carries the client
     * address to {@link LocalSignIn}, which the sign-in throttle keys on.
     */
    private static AuthenticationWebFilter basicSignIn(LocalSignIn localSignIn, EdgeAnswers answers,
                                                      boolean trustForwardedFor) {
        ServerHttpBasicAuthenticationConverter basic = new ServerHttpBasicAuthenticationConverter();
        AuthenticationWebFilter filter = new AuthenticationWebFilter(localSignIn);
        filter.setServerAuthenticationConverter(exchange -> basic.convert(exchange).map(attempt -> {
            ((UsernamePasswordAuthenticationToken) attempt).setDetails(
                    new LocalSignIn.Origin(ClientAddress.of(exchange, trustForwardedFor)));
            return attempt;
        }));
        filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(answers));
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        return filter;
    }

    private static UrlBasedCorsConfigurationSource corsSource(List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name(), HttpMethod.PUT.name()));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "Idempotency-Key",
                "Accept", "Accept-Language", "Last-Event-ID"));
        cors.setExposedHeaders(List.of("ETag", "Location", "Retry-After"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
