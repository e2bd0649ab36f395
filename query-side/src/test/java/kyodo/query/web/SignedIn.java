package kyodo.query.web;

import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.WebFilter;

import java.util.List;

/** Test stand-in for the deployable's sign-in: every request is made by that actor. */
public final class SignedIn {

    private SignedIn() {
    }

    /** A filter that signs every request in as a staff member of that ward (null: city-wide). */
    public static WebFilter asStaffOf(Ward ward) {
        Actor actor = new Actor("s-test", Role.STAFF, ward);
        UsernamePasswordAuthenticationToken auth = UsernamePasswordAuthenticationToken.authenticated(actor, null,
                List.of());
        return (exchange, chain) -> chain.filter(exchange)
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(auth));
    }
}
