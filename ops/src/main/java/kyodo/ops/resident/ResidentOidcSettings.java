package kyodo.ops.resident;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * {@code kyodo.residents.oidc.*}: residents' sign-in at an OIDC provider that vouches for who they are
 * and where they live (e.g. one backed by the national public-key identification service). Without a
 * client id the residents' sign-in page offers no such button and nothing of it runs. The provider is
 * the residents' own, apart from the staff console's and the API's ({@code kyodo.console.oidc}).
 *
 * @param issuerUri           the provider's issuer; its endpoints and keys are discovered from
 *                            {@code <issuer>/.well-known/openid-configuration} at the first sign-in
 * @param clientId            kyodo's client id at the provider (unset: no sign-in at a provider)
 * @param clientSecret        its secret, for a confidential client (unset: a public client); PKCE either way
 * @param scopes              the scopes asked for; {@code openid} must be among them
 * @param providerName        the provider's name on the button ("sign in with …"; unset: a generic wording)
 * @param subjectClaim        the claim with the person's stable identifier at the provider
 * @param wardClaim           the claim with the ward they live in (a ward's code such as {@code saiwai}, or its
 *                            Japanese name such as {@code 幸区})
 * @param nameClaim           the claim with their name (sealed, as a sign-up's)
 * @param emailClaim          the claim with their e-mail address (sealed, for their notifications)
 * @param subjectIsDocumentId whether the subject claim carries the same identifier staff type at the
 *                            counter: then both ways of verification give the same pseudonym, one account
 *                            per person across both (false: the provider's own subject, a pseudonym of its own)
 */
@ConfigurationProperties("kyodo.residents.oidc")
public record ResidentOidcSettings(String issuerUri, String clientId, String clientSecret,
                                   @DefaultValue("openid") List<String> scopes, String providerName,
                                   @DefaultValue("sub") String subjectClaim,
                                   @DefaultValue("ward") String wardClaim,
                                   @DefaultValue("name") String nameClaim,
                                   @DefaultValue("email") String emailClaim,
                                   @DefaultValue("false") boolean subjectIsDocumentId) {

    public ResidentOidcSettings {
        if (clientId != null && !clientId.isBlank()) {
            if (issuerUri == null || issuerUri.isBlank()) {
                throw new IllegalStateException("kyodo.residents.oidc.client-id is set, but issuer-uri is not");
            }
            if (!scopes.contains("openid")) {
                throw new IllegalStateException("kyodo.residents.oidc.scopes must include openid");
            }
        }
    }
}
