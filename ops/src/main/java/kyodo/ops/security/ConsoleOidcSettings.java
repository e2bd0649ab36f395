package kyodo.ops.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * {@code kyodo.console.oidc.*}: the staff console's "sign in with the city's account". The provider is
 * the API's: its issuer is {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, read once for
 * both, and its claims map to an actor as for a bearer token ({@code kyodo.security.jwt.*}). Only the
 * console's client registration is set here; without a client id the console has no such button.
 *
 * @param clientId     the console's client id at the city's provider (unset: no sign-in with the city's account)
 * @param clientSecret its secret, for a confidential client (unset: a public client); PKCE is used either way
 * @param scopes       the scopes asked for; {@code openid} must be among them (the claims are read from the ID token)
 */
@ConfigurationProperties("kyodo.console.oidc")
public record ConsoleOidcSettings(String clientId, String clientSecret,
                                  @DefaultValue("openid") List<String> scopes) {

    public ConsoleOidcSettings {
        if (clientId != null && !scopes.contains("openid")) {
            throw new IllegalStateException("kyodo.console.oidc.scopes must include openid");
        }
    }
}
