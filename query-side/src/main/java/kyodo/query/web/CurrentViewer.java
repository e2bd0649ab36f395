package kyodo.query.web;

import kyodo.kernel.access.Actor;
import kyodo.query.listing.Viewer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import reactor.core.publisher.Mono;

/** The {@link Viewer} of the current request, from the security context the sign-in filled in. */
public final class CurrentViewer {

    private CurrentViewer() {
    }

    /** The reader of the current request; never empty ({@link Viewer#NOBODY} without a signed-in actor). */
    public static Mono<Viewer> current() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(Authentication::getPrincipal)
                .filter(Actor.class::isInstance)
                .map(principal -> Viewer.of((Actor) principal))
                .defaultIfEmpty(Viewer.NOBODY);
    }
}
