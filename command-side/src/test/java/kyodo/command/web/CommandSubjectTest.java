package kyodo.command.web;

import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.reactive.HandlerMapping;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A command route's subject is the route's id, the If-Match header as a String header parameter reads
 * it (several lines joined into one list) and the signed-in actor.
 */
class CommandSubjectTest {

    private static final Actor SAIWAI = new Actor("t-staff-saiwai", Role.STAFF, Ward.SAIWAI);

    private final CommandSubject.Resolver resolver = new CommandSubject.Resolver();

    private static MockServerWebExchange exchange(Map<String, String> variables, String... ifMatch) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/api/meetings/m-1/opening");
        if (ifMatch.length > 0) {
            request.header("If-Match", ifMatch);
        }
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        exchange.getAttributes().put(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, variables);
        return exchange;
    }

    private Object resolve(MockServerWebExchange exchange, Actor signedIn) {
        Mono<Object> subject = resolver.resolveArgument(null, null, exchange);
        return signedIn == null ? subject.block() : subject.contextWrite(ReactiveSecurityContextHolder
                .withAuthentication(new UsernamePasswordAuthenticationToken(signedIn, null, List.of()))).block();
    }

    @Test
    void theSubjectIsTheRoutesIdTheIfMatchAndTheSignedInActor() {
        assertThat(resolve(exchange(Map.of("id", "m-1"), "\"3\""), SAIWAI))
                .isEqualTo(new CommandSubject("m-1", "\"3\"", SAIWAI));
        assertThat(resolve(exchange(Map.of("id", "m-1")), SAIWAI))
                .isEqualTo(new CommandSubject("m-1", null, SAIWAI));
    }

    @Test
    void severalIfMatchLinesReadAsOneList() {
        assertThat(resolve(exchange(Map.of("id", "m-1"), "\"3\"", "\"4\""), SAIWAI))
                .isEqualTo(new CommandSubject("m-1", "\"3\",\"4\"", SAIWAI));
    }

    @Test
    void nobodySignedInIsRefused() {
        assertThatThrownBy(() -> resolve(exchange(Map.of("id", "m-1")), null))
                .isInstanceOfSatisfying(KyodoProblemException.class,
                        refused -> assertThat(refused.type()).isEqualTo(CommonProblems.UNAUTHENTICATED));
    }

    @Test
    void aRouteWithoutAnIdIsAMistakeInTheCode() {
        assertThatThrownBy(() -> resolve(exchange(Map.of()), SAIWAI)).isInstanceOf(IllegalStateException.class);
    }
}
