package kyodo.ops.security;

import kyodo.kernel.access.Actor;
import kyodo.kernel.problem.KyodoProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.Serial;
import java.net.URI;
import java.util.List;

/**
 * "Sign in with the city's account" on the staff console (issue 16): the authorization-code flow with
 * PKCE against the provider the API already trusts for bearer tokens (its issuer, discovered from
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}), for the client registered in
 * {@link ConsoleOidcSettings}. The ID token's claims become an {@link Actor} through the API's own
 * mapping ({@link OidcActors#actor}), so a city account is the same member of staff in the console as
 * at the API; a token without a valid kyodo role signs nobody in. The session then holds the actor, as
 * after a password sign-in: the provider's tokens are not kept.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleOidcSettings.class)
class ConsoleOidc {

    private static final Logger log = LoggerFactory.getLogger(ConsoleOidc.class);
    static final String REGISTRATION = "city";
    private static final String AUTHORIZATION = "/console/oauth2/authorization/{registrationId}";
    private static final String CALLBACK = "/console/oauth2/code/{registrationId}";
    /** The error code of a token the API's claim mapping refuses. */
    private static final String NO_KYODO_ROLE = "kyodo_role_missing";
    private static final DefaultServerRedirectStrategy REDIRECT = new DefaultServerRedirectStrategy();

    @Bean
    @ConditionalOnProperty(prefix = "kyodo.console.oidc", name = "client-id")
    CitySignIn citySignIn() {
        return new CitySignIn(AUTHORIZATION.replace("{registrationId}", REGISTRATION));
    }

    @Bean
    @ConditionalOnProperty(prefix = "kyodo.console.oidc", name = "client-id")
    Login consoleOidcLogin(ConsoleOidcSettings client, ObjectProvider<OAuth2ResourceServerProperties> resourceServer,
                           SecuritySettings settings) {
        OAuth2ResourceServerProperties api = resourceServer.getIfAvailable();
        String issuer = api == null ? null : api.getJwt().getIssuerUri();
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException("kyodo.console.oidc.client-id is set, but the provider's issuer is not: "
                    + "set spring.security.oauth2.resourceserver.jwt.issuer-uri (the API's and the console's provider)");
        }
        return new Login(OidcBrowserClients.discovered(new OidcBrowserClients.Client(REGISTRATION, issuer,
                client.clientId(), client.clientSecret(), client.scopes(), CALLBACK)), settings.jwt());
    }

    /** The console chain's part of the flow: where it starts, where the provider returns, what it yields. */
    static final class Login {

        private final ReactiveClientRegistrationRepository registration;
        private final SecuritySettings.Jwt claims;

        Login(ReactiveClientRegistrationRepository registration, SecuritySettings.Jwt claims) {
            this.registration = registration;
            this.claims = claims;
        }

        void apply(ServerHttpSecurity http, WebSessionServerSecurityContextRepository sessions,
                   BrowserChains.SessionStart toInbox, BrowserChains.Area console) {
            String signIn = console.signIn();
            http.oauth2Login(login -> login.clientRegistrationRepository(registration)
                    // the page the member of staff was going to waits in the session during the round trip
                    .authorizationRequestResolver(OidcBrowserClients.withPkce(registration, AUTHORIZATION, console))
                    .authenticationMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, CALLBACK))
                    .authenticationManager(new OidcAuthorizationCodeReactiveAuthenticationManager(
                            new WebClientReactiveAuthorizationCodeTokenResponseClient(), new StaffUsers(claims)))
                    .authorizedClientRepository(OidcBrowserClients.NOTHING_KEPT)
                    .securityContextRepository(sessions)
                    .loginPage(signIn)
                    .authenticationSuccessHandler((exchange, authentication) -> {
                        Actor actor = ((StaffUser) authentication.getPrincipal()).actor;
                        Authentication signedIn = LocalSignIn.signedIn(actor);
                        return sessions.save(exchange.getExchange(), new SecurityContextImpl(signedIn))
                                .then(console.rememberedDestination(exchange.getExchange()))
                                .flatMap(destination -> toInbox.start(exchange, signedIn, destination));
                    })
                    .authenticationFailureHandler((exchange, failure) -> refused(exchange.getExchange(), signIn,
                            failure)));
        }

        private static Mono<Void> refused(ServerWebExchange exchange, String signIn, Exception failure) {
            String code = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode()
                    : failure.getClass().getSimpleName();
            boolean noRole = NO_KYODO_ROLE.equals(code);
            if (!noRole) {
                log.warn("Sign-in with the city's account failed: {}", code);
            }
            return REDIRECT.sendRedirect(exchange, URI.create(signIn + "?error=" + (noRole ? "cityRefused" : "city")));
        }
    }

    /** The provider's users as members of staff: the API's claim mapping, or no sign-in. */
    private static final class StaffUsers implements ReactiveOAuth2UserService<OidcUserRequest, OidcUser> {

        private final OidcReactiveOAuth2UserService provider = new OidcReactiveOAuth2UserService();
        private final SecuritySettings.Jwt claims;

        StaffUsers(SecuritySettings.Jwt claims) {
            this.claims = claims;
        }

        @Override
        public Mono<OidcUser> loadUser(OidcUserRequest request) {
            return provider.loadUser(request).flatMap(user -> {
                try {
                    return Mono.just(new StaffUser(OidcActors.actor(user, claims), user));
                } catch (KyodoProblemException e) {
                    log.warn("A city account without a valid kyodo role and scope was refused: {}", e.errors());
                    return Mono.error(new OAuth2AuthenticationException(new OAuth2Error(NO_KYODO_ROLE,
                            "The ID token does not name a kyodo role and scope.", null)));
                }
            });
        }
    }

    /** A provider's user known as a member of staff. */
    private static final class StaffUser extends DefaultOidcUser {

        @Serial
        private static final long serialVersionUID = 1L;
        private final Actor actor;

        StaffUser(Actor actor, OidcUser user) {
            super(List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())), user.getIdToken(),
                    user.getUserInfo(), IdTokenClaimNames.SUB);
            this.actor = actor;
        }
    }
}
