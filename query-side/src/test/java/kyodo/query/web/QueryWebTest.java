package kyodo.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import kyodo.query.proposal.TestStores;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.Jackson2JsonEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * The query side's HTTP edge in a bare WebFlux context (no Spring Boot, no Axon), shared by the web
 * tests: a test imports {@link Edge} beside its feature's beans, and reads answers with the helpers here.
 */
public final class QueryWebTest {

    private QueryWebTest() {
    }

    /** WebFlux, the query side's problem handler, and JSON written as Spring Boot writes it. */
    @Configuration
    @EnableWebFlux
    public static class Edge implements WebFluxConfigurer {

        @Bean
        QueryProblemHandler queryProblemHandler() {
            return new QueryProblemHandler();
        }

        @Override
        public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
            configurer.defaultCodecs().jackson2JsonEncoder(new Jackson2JsonEncoder(TestStores.JSON));
        }
    }

    /** The text as JSON; text that is not JSON fails the test. */
    public static JsonNode json(String text) {
        try {
            return TestStores.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** GET that must answer 200 with JSON: the answer's body. */
    public static JsonNode getJson(WebTestClient client, String uri, Object... variables) {
        return json(client.get().uri(uri, variables).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody());
    }
}
