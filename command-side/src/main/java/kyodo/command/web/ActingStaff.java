package kyodo.command.web;

import kyodo.command.access.CommandPermissions;
import kyodo.kernel.StaffRef;
import kyodo.kernel.access.Actor;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Resolves the {@link Actor} (or {@link StaffRef}) parameter of a command endpoint: who is acting,
 * in which role and ward scope. It is the signed-in {@link Actor}, put into the reactive security
 * context by the authentication of the deployable (local accounts or an OIDC token, see
 * {@code kyodo.ops.security}). Without one the answer is 401; an analyst, who never issues
 * commands, gets 403.
 *
 * <p>The controller hands the actor on to the feature services and to {@code kyodo.command.sending},
 * which send it with the command: events record its id and role only, the command side checks its
 * ward scope against the subject's ward.
 */
public class ActingStaff implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Actor.class.equals(parameter.getParameterType()) || StaffRef.class.equals(parameter.getParameterType());
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context,
                                        ServerWebExchange exchange) {
        return StaffRef.class.equals(parameter.getParameterType()) ? current().map(Actor::staffRef)
                : current().cast(Object.class);
    }

    /** The signed-in actor who may issue commands: 401 if nobody is signed in, 403 for an analyst. */
    public static Mono<Actor> current() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(Authentication::getPrincipal)
                .filter(Actor.class::isInstance)
                .cast(Actor.class)
                .switchIfEmpty(Mono.error(() -> new KyodoProblemException(CommonProblems.UNAUTHENTICATED,
                        "Commands need a signed-in staff member.")))
                .flatMap(actor -> Mono.fromCallable(() -> CommandPermissions.requireIssuesCommands(actor)));
    }
}
