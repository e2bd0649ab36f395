package kyodo.ops.security;

import kyodo.kernel.access.Actor;
import kyodo.kernel.problem.KyodoProblemException;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.List;

/**
 * Production sign-in through an OIDC provider: a validated JWT becomes an {@link Actor} from its
 * claims (account id, kyodo role, ward; names are never read); the console's ID tokens map the same
 * way ({@link ConsoleOidc}). A token without a valid kyodo role
 * or with an unknown ward signs nobody in.
 */
class OidcActors implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private final SecuritySettings.Jwt claims;

    OidcActors(SecuritySettings.Jwt claims) {
        this.claims = claims;
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        Actor actor;
        try {
            actor = actor(jwt, claims);
        } catch (KyodoProblemException e) {
            return Mono.error(new InvalidBearerTokenException("The token does not name a kyodo role and scope: "
                    + e.errors()));
        }
        return Mono.just(new ActorToken(actor, jwt));
    }

    /**
     * The one mapping from an OIDC provider's claims to an actor, for the API's bearer tokens and the
     * console's ID tokens alike.
     *
     * @throws KyodoProblemException naming what is missing or invalid
     */
    static Actor actor(ClaimAccessor token, SecuritySettings.Jwt claims) {
        return StaffAccounts.actor(token.getClaimAsString(claims.staffIdClaim()),
                token.getClaimAsString(claims.roleClaim()), token.getClaimAsString(claims.wardClaim()));
    }

    /** An authenticated token whose principal is the actor. */
    static final class ActorToken extends AbstractAuthenticationToken {

        private final Actor actor;
        private final transient Jwt jwt;

        ActorToken(Actor actor, Jwt jwt) {
            super(authorities(actor));
            this.actor = actor;
            this.jwt = jwt;
            setAuthenticated(true);
        }

        private static Collection<? extends GrantedAuthority> authorities(Actor actor) {
            return List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name()));
        }

        @Override
        public Object getCredentials() {
            return jwt.getTokenValue();
        }

        @Override
        public Object getPrincipal() {
            return actor;
        }

        @Override
        public String getName() {
            return actor.staffId();
        }
    }
}
