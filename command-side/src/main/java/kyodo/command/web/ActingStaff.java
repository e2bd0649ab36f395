package kyodo.command.web;

import kyodo.kernel.StaffRef;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves the {@link StaffRef} parameter of a command endpoint: who is acting, in which role.
 * Every command needs one; without it the answer is 401.
 *
 * <p>Interim source: the {@code X-Kyodo-Staff-Id} and {@code X-Kyodo-Staff-Role} headers, set by
 * the gateway in front of kyodo. The access-control work replaces this with the authenticated
 * principal; until then kyodo must run behind a trusted gateway (README).
 */
public class ActingStaff implements HandlerMethodArgumentResolver {

    public static final String STAFF_ID_HEADER = "X-Kyodo-Staff-Id";
    public static final String ROLE_HEADER = "X-Kyodo-Staff-Role";

    private static final Pattern STAFF_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> ROLES = Set.of("STAFF", "WARD_HEAD", "ADMIN");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return StaffRef.class.equals(parameter.getParameterType());
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context,
                                        ServerWebExchange exchange) {
        String staffId = exchange.getRequest().getHeaders().getFirst(STAFF_ID_HEADER);
        String role = exchange.getRequest().getHeaders().getFirst(ROLE_HEADER);
        if (staffId == null || role == null || !STAFF_ID.matcher(staffId).matches() || !ROLES.contains(role)) {
            return Mono.error(new KyodoProblemException(CommonProblems.UNAUTHENTICATED,
                    "Commands need the acting staff member: " + STAFF_ID_HEADER + " and " + ROLE_HEADER
                            + " (STAFF, WARD_HEAD or ADMIN)."));
        }
        return Mono.just(new StaffRef(staffId, role));
    }
}
