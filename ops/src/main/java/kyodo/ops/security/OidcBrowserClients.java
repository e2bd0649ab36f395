package kyodo.ops.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerAuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;

/**
 * What a browser area's sign-in at an OIDC provider needs besides its chain (the staff console's city
 * account, {@link ConsoleOidc}; residents' provider): a client registration discovered from the issuer
 * at the first sign-in, authorization requests with PKCE, and no provider tokens kept after sign-in.
 */
public final class OidcBrowserClients {

    private static final Logger log = LoggerFactory.getLogger(OidcBrowserClients.class);

    private OidcBrowserClients() {
    }

    /** A client at an OIDC provider: the registration's id, and what the provider knows the client by. */
    public record Client(String registrationId, String issuer, String clientId, String clientSecret,
                         List<String> scopes, String callbackPath) {
    }

    /**
     * The client's registration, discovered from the issuer at the first sign-in rather than at start:
     * the application starts while the provider is unreachable, and a failed discovery is tried again.
     */
    public static ReactiveClientRegistrationRepository discovered(Client client) {
        Mono<ClientRegistration> registration = Mono.fromCallable(() -> {
                    ClientRegistration.Builder builder = ClientRegistrations.fromIssuerLocation(client.issuer())
                            .registrationId(client.registrationId())
                            .clientId(client.clientId())
                            .scope(client.scopes())
                            .redirectUri("{baseUrl}" + client.callbackPath())
                            .userNameAttributeName(IdTokenClaimNames.SUB);
                    if (client.clientSecret() == null || client.clientSecret().isEmpty()) {
                        builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
                    } else {
                        builder.clientSecret(client.clientSecret());
                    }
                    return builder.build();
                }).subscribeOn(Schedulers.boundedElastic())
                .doOnError(e -> log.warn("The OIDC provider could not be discovered at {}: {}", client.issuer(),
                        e.toString()))
                .cache(found -> Duration.ofMillis(Long.MAX_VALUE), failed -> Duration.ZERO, () -> Duration.ZERO);
        return registrationId -> client.registrationId().equals(registrationId) ? registration : Mono.empty();
    }

    /**
     * Authorization requests started at {@code authorizationPath}, with PKCE for a confidential client too
     * (a public one gets it anyway: a stolen code is useless); the request's {@code ?continue=} waits in
     * the session for after the sign-in ({@link BrowserChains.Area#rememberDestination}).
     */
    public static ServerOAuth2AuthorizationRequestResolver withPkce(ReactiveClientRegistrationRepository registration,
                                                                   String authorizationPath, BrowserChains.Area area) {
        DefaultServerOAuth2AuthorizationRequestResolver requests = new DefaultServerOAuth2AuthorizationRequestResolver(
                registration, ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, authorizationPath));
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return new ServerOAuth2AuthorizationRequestResolver() {
            @Override
            public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange) {
                return requests.resolve(exchange).flatMap(request ->
                        area.rememberDestination(exchange).thenReturn(request));
            }

            @Override
            public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange, String registrationId) {
                return requests.resolve(exchange, registrationId).flatMap(request ->
                        area.rememberDestination(exchange).thenReturn(request));
            }
        };
    }

    /**
     * The pending authorization request kept in the session under an attribute of the area's own, so that
     * two areas' flows in one browser never read each other's; the callback's {@code state} must match it.
     */
    public static ServerAuthorizationRequestRepository<OAuth2AuthorizationRequest> sessionRequests(String attribute) {
        return new ServerAuthorizationRequestRepository<>() {
            @Override
            public Mono<OAuth2AuthorizationRequest> loadAuthorizationRequest(ServerWebExchange exchange) {
                return exchange.getSession().flatMap(session -> matching(exchange, session.getAttributes().get(attribute)));
            }

            @Override
            public Mono<Void> saveAuthorizationRequest(OAuth2AuthorizationRequest request, ServerWebExchange exchange) {
                return exchange.getSession().doOnNext(session -> {
                    if (request == null) {
                        session.getAttributes().remove(attribute);
                    } else {
                        session.getAttributes().put(attribute, request);
                    }
                }).then();
            }

            @Override
            public Mono<OAuth2AuthorizationRequest> removeAuthorizationRequest(ServerWebExchange exchange) {
                // taken out whatever the state says: one callback per request, a wrong state spends it too
                return exchange.getSession().flatMap(session -> matching(exchange,
                        session.getAttributes().remove(attribute)));
            }

            private Mono<OAuth2AuthorizationRequest> matching(ServerWebExchange exchange, Object kept) {
                String state = exchange.getRequest().getQueryParams().getFirst(OAuth2ParameterNames.STATE);
                return kept instanceof OAuth2AuthorizationRequest request && state != null
                        && state.equals(request.getState()) ? Mono.just(request) : Mono.empty();
            }
        };
    }

    /** The provider's tokens are not kept: neither area calls the provider after sign-in. */
    public static final ServerOAuth2AuthorizedClientRepository NOTHING_KEPT = new ServerOAuth2AuthorizedClientRepository() {
        @Override
        public <T extends OAuth2AuthorizedClient> Mono<T> loadAuthorizedClient(String id, Authentication principal,
                                                                             ServerWebExchange exchange) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal,
                                               ServerWebExchange exchange) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> removeAuthorizedClient(String id, Authentication principal, ServerWebExchange exchange) {
            return Mono.empty();
        }
    };
}
