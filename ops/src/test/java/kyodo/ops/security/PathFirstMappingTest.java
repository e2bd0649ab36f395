package kyodo.ops.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route lookup that compares the path first chooses what WebFlux's own lookup chooses, and refuses
 * what it refuses with the same exception (404, 405, 406, 415).
 */
class PathFirstMappingTest {

    static final class Routes {
        public void decide() {
        }

        public void acknowledge() {
        }

        public void read() {
        }

        public void search() {
        }
    }

    @ParameterizedTest
    @CsvSource({
            "POST, /api/proposals/p-1/decision, application/json, application/json",
            "POST, /api/proposals/p-1/decision, text/plain, application/json",
            "POST, /api/proposals/p-1/decision, application/json, text/html",
            "POST, /api/proposals/p-1/decision, , ",
            "GET, /api/proposals/p-1/decision, , ",
            "POST, /api/proposals/p-1/acknowledgement, application/json, ",
            "PUT, /api/proposals/p-1/acknowledgement, application/json, ",
            "GET, /api/proposals/p-1, , application/json",
            "GET, /api/proposals/p-1, , text/csv",
            "HEAD, /api/proposals/p-1, , ",
            "OPTIONS, /api/proposals/p-1, , ",
            "GET, /api/proposals, , ",
            "POST, /api/proposals, application/json, ",
            "GET, /api/other/p-1, , ",
            "GET, /api/proposals/p-1/decision/x, , "})
    void choosesAndRefusesAsWebFluxDoes(String method, String path, String contentType, String accept) throws Exception {
        Object plain = outcome(routes(new RequestMappingHandlerMapping()), method, path, contentType, accept);
        Object pathFirst = outcome(routes(new PathFirstMapping()), method, path, contentType, accept);

        assertThat(pathFirst).isEqualTo(plain);
    }

    private static RequestMappingHandlerMapping routes(RequestMappingHandlerMapping mapping) throws Exception {
        Routes routes = new Routes();
        mapping.registerMapping(RequestMappingInfo.paths("/api/proposals/{id}/decision").methods(RequestMethod.POST)
                .consumes(MediaType.APPLICATION_JSON_VALUE).produces(MediaType.APPLICATION_JSON_VALUE).build(),
                routes, Routes.class.getMethod("decide"));
        mapping.registerMapping(RequestMappingInfo.paths("/api/proposals/{id}/acknowledgement")
                .methods(RequestMethod.POST).consumes(MediaType.APPLICATION_JSON_VALUE).build(),
                routes, Routes.class.getMethod("acknowledge"));
        mapping.registerMapping(RequestMappingInfo.paths("/api/proposals/{id}").methods(RequestMethod.GET)
                .produces(MediaType.APPLICATION_JSON_VALUE).build(), routes, Routes.class.getMethod("read"));
        mapping.registerMapping(RequestMappingInfo.paths("/api/proposals").methods(RequestMethod.GET).build(),
                routes, Routes.class.getMethod("search"));
        return mapping;
    }

    /** The chosen method's name, or the refusal's class and status. */
    private static Object outcome(RequestMappingHandlerMapping mapping, String method, String path, String contentType,
                                  String accept) {
        MockServerHttpRequest.BodyBuilder request = MockServerHttpRequest.method(HttpMethod.valueOf(method), path);
        if (contentType != null) {
            request.contentType(MediaType.parseMediaType(contentType)).header("Content-Length", "2");
        }
        if (accept != null) {
            request.accept(MediaType.parseMediaType(accept));
        }
        try {
            Object handler = mapping.getHandler(MockServerWebExchange.from(request.build())).block();
            return handler == null ? "no route" : ((HandlerMethod) handler).getMethod().getName();
        } catch (RuntimeException refused) {
            return refused.getClass().getSimpleName() + " " + refused.getMessage();
        }
    }
}
