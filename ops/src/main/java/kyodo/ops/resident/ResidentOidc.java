package kyodo.ops.resident;

import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import kyodo.command.web.validation.PlainText;
import kyodo.kernel.Ward;
import kyodo.ops.security.BrowserChains;
import kyodo.ops.security.OidcBrowserClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Residents verified by an OIDC provider (issue 17): "sign in with <provider>" on the residents' sign-in
 * page, the authorization-code flow with PKCE in the residents' chain, under a registration, paths and a
 * session attribute of its own (the console's city account never reads it, nor it the console's). At the
 * callback the provider's stable subject becomes the keyed pseudonym at once ({@link ResidentSecrets}):
 * neither the subject nor the provider's tokens are stored, kept in the session or logged. The person's
 * account is found by that pseudonym or created, verified for the ward the ward claim names
 * ({@link ResidentProviderAccounts}); a token without a known ward, or without a name and an address,
 * signs nobody in, and the sign-in page says why. The session then holds the account, as after a
 * password sign-in.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResidentOidcSettings.class)
class ResidentOidc {

    private static final Logger log = LoggerFactory.getLogger(ResidentOidc.class);
    static final String REGISTRATION = "resident";
    private static final String AUTHORIZATION = "/resident/oauth2/authorization/{registrationId}";
    private static final String CALLBACK = "/resident/oauth2/code/{registrationId}";
    /** Where the pending authorization request waits in the session: not where the console's does. */
    private static final String REQUEST_ATTRIBUTE = "KYODO_RESIDENT_OIDC_REQUEST";
    /** The error codes of a token that names no known ward, or lacks the person's subject, name or address. */
    private static final String NO_WARD = "resident_ward_unknown";
    private static final String INCOMPLETE = "resident_claims_missing";
    private static final DefaultServerRedirectStrategy REDIRECT = new DefaultServerRedirectStrategy();

    @Bean
    @ConditionalOnProperty(prefix = "kyodo.residents.oidc", name = "client-id")
    ResidentProviderSignIn residentProviderSignIn(ResidentOidcSettings settings) {
        String name = settings.providerName();
        return new ResidentProviderSignIn(AUTHORIZATION.replace("{registrationId}", REGISTRATION),
                name == null || name.isBlank() ? null : name);
    }

    @Bean
    @ConditionalOnProperty(prefix = "kyodo.residents.oidc", name = "client-id")
    Login residentOidcLogin(ResidentOidcSettings settings, ResidentAccounts accounts, ResidentSecrets secrets,
                            AccountSubjects subjects, BCryptPasswordEncoder encoder, Validator validator, Clock clock) {
        ReactiveClientRegistrationRepository registration = OidcBrowserClients.discovered(new OidcBrowserClients.Client(
                REGISTRATION, settings.issuerUri(), settings.clientId(), settings.clientSecret(), settings.scopes(),
                CALLBACK));
        return new Login(registration, new Residents(settings, secrets, validator),
                new ResidentProviderAccounts(accounts, secrets, subjects, encoder, clock));
    }

    /** The residents' chain's part of the flow: where it starts, where the provider returns, what it yields. */
    static final class Login {

        private final ReactiveClientRegistrationRepository registration;
        private final Residents residents;
        private final ResidentProviderAccounts accounts;

        Login(ReactiveClientRegistrationRepository registration, Residents residents, ResidentProviderAccounts accounts) {
            this.registration = registration;
            this.residents = residents;
            this.accounts = accounts;
        }

        void apply(ServerHttpSecurity http, WebSessionServerSecurityContextRepository sessions,
                   BrowserChains.SessionStart start, BrowserChains.Area area) {
            http.oauth2Login(login -> login.clientRegistrationRepository(registration)
                    // the page the resident was going to waits in the session during the round trip
                    .authorizationRequestResolver(OidcBrowserClients.withPkce(registration, AUTHORIZATION, area))
                    .authorizationRequestRepository(OidcBrowserClients.sessionRequests(REQUEST_ATTRIBUTE))
                    .authenticationMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, CALLBACK))
                    .authenticationManager(new OidcAuthorizationCodeReactiveAuthenticationManager(
                            new WebClientReactiveAuthorizationCodeTokenResponseClient(), residents))
                    .authorizedClientRepository(OidcBrowserClients.NOTHING_KEPT)
                    // the provider's authentication (its ID token) never reaches the session: the account does
                    .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                    .loginPage(area.signIn())
                    .authenticationSuccessHandler((exchange, authentication) -> {
                        ResidentProviderAccounts.Identity person =
                                ((ProviderResident) authentication.getPrincipal()).person;
                        String language = language(exchange.getExchange());
                        return Mono.fromCallable(() -> accounts.signIn(person, language))
                                .subscribeOn(Schedulers.boundedElastic())
                                .flatMap(accountId -> {
                                    log.debug("A resident signed in at the OIDC provider, verified for {}",
                                            person.ward().code());
                                    Authentication signedIn = ResidentSignIn.signedIn(accountId);
                                    return sessions.save(exchange.getExchange(), new SecurityContextImpl(signedIn))
                                            .then(area.rememberedDestination(exchange.getExchange()))
                                            .flatMap(destination -> start.start(exchange, signedIn, destination));
                                });
                    })
                    .authenticationFailureHandler((exchange, failure) -> refused(exchange.getExchange(),
                            area.signIn(), failure)));
        }

        private static Mono<Void> refused(ServerWebExchange exchange, String signIn, Exception failure) {
            String code = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode()
                    : failure.getClass().getSimpleName();
            String error = switch (code) {
                case NO_WARD -> "providerNoWard";
                case INCOMPLETE -> "providerIncomplete";
                default -> "providerFailed";
            };
            // the error code only: the provider's description may name the person
            log.info("A resident's sign-in at the OIDC provider was refused: {}", code);
            return REDIRECT.sendRedirect(exchange, URI.create(signIn + "?error=" + error));
        }

        private static String language(ServerWebExchange exchange) {
            var locale = exchange.getLocaleContext().getLocale();
            return locale != null && "en".equals(locale.getLanguage()) ? "en" : "ja";
        }
    }

    /** What the provider gives of the person, checked as a sign-up's form is; personal data never prints. */
    record ProviderProfile(@NotBlank @Email @Size(max = 254) String email,
                           @NotBlank @Size(max = 200) @PlainText String name) {
        @Override
        public String toString() {
            return "ProviderProfile[personal data]";
        }
    }

    /**
     * The provider's users as residents: the subject claim becomes the pseudonym here, and the ward claim
     * a ward, or nobody signs in.
     */
    static final class Residents implements ReactiveOAuth2UserService<OidcUserRequest, OidcUser> {

        private final OidcReactiveOAuth2UserService provider = new OidcReactiveOAuth2UserService();
        private final ResidentOidcSettings settings;
        private final ResidentSecrets secrets;
        private final Validator validator;

        Residents(ResidentOidcSettings settings, ResidentSecrets secrets, Validator validator) {
            this.settings = settings;
            this.secrets = secrets;
            this.validator = validator;
        }

        @Override
        public Mono<OidcUser> loadUser(OidcUserRequest request) {
            return provider.loadUser(request).map(user -> new ProviderResident(person(user.getClaims())));
        }

        ResidentProviderAccounts.Identity person(Map<String, Object> claims) {
            String subject = text(claims.get(settings.subjectClaim()));
            if (subject == null) {
                throw refusal(INCOMPLETE, "The token names no subject.");
            }
            Ward ward = ward(claims.get(settings.wardClaim()))
                    .orElseThrow(() -> refusal(NO_WARD, "The token names no ward of the city."));
            ProviderProfile profile = new ProviderProfile(text(claims.get(settings.emailClaim())),
                    text(claims.get(settings.nameClaim())));
            if (!validator.validate(profile).isEmpty()) {
                throw refusal(INCOMPLETE, "The token lacks a name or an e-mail address.");
            }
            String pseudonym = settings.subjectIsDocumentId() ? secrets.pseudonym(subject)
                    : secrets.providerPseudonym(settings.issuerUri(), subject);
            return new ResidentProviderAccounts.Identity(pseudonym, ward,
                    new ResidentAccount.Profile(profile.name(), profile.email()));
        }

        /** A ward by its code ({@code saiwai}) or its Japanese name ({@code 幸区}). */
        static Optional<Ward> ward(Object claim) {
            String value = text(claim);
            if (value == null) {
                return Optional.empty();
            }
            return Ward.fromCode(value).or(() -> Arrays.stream(Ward.values())
                    .filter(w -> w.placeName().ja().equals(value)).findFirst());
        }

        private static String text(Object claim) {
            return claim instanceof String s && !s.isBlank() ? s.strip() : null;
        }

        private static OAuth2AuthenticationException refusal(String code, String description) {
            return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
        }
    }

    /**
     * A resident the provider vouched for, as the flow carries them to the success handler: the pseudonym,
     * the ward and the profile; no claim, no token, and nothing of them in its name or its text.
     */
    static final class ProviderResident implements OidcUser {

        private final transient ResidentProviderAccounts.Identity person;

        ProviderResident(ResidentProviderAccounts.Identity person) {
            this.person = person;
        }

        @Override
        public Map<String, Object> getClaims() {
            return Map.of();
        }

        @Override
        public OidcUserInfo getUserInfo() {
            return null;
        }

        @Override
        public OidcIdToken getIdToken() {
            return null;
        }

        @Override
        public Map<String, Object> getAttributes() {
            return Map.of();
        }

        @Override
        public Collection<? extends GrantedAuthority> getAuthorities() {
            return List.of(new SimpleGrantedAuthority("ROLE_" + ResidentSignIn.ROLE));
        }

        @Override
        public String getName() {
            return "resident";
        }

        @Override
        public String toString() {
            return "ProviderResident[" + person.ward().code() + "]";
        }
    }
}
