package kyodo.ops.security;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The edge's firewall refuses what Spring Security's strict firewall refuses, on the same reads, while
 * a header read again is not checked again.
 */
class CheckedOnceFirewallTest {

    private final ServerWebExchangeFirewall checkedOnce = new CheckedOnceFirewall();
    private final ServerWebExchangeFirewall strict = new StrictServerWebExchangeFirewall();

    @Test
    void aRequestIsOneRequestWithOneSetOfHeaders() {
        ServerWebExchange exchange = firewalled(checkedOnce, request());

        assertThat(exchange.getRequest()).isSameAs(exchange.getRequest());
        assertThat(exchange.getRequest().getHeaders()).isSameAs(exchange.getRequest().getHeaders());
        assertThat(exchange.getRequest().getQueryParams()).isSameAs(exchange.getRequest().getQueryParams());
    }

    @Test
    void headersReadAsTheStrictFirewallReadsThem() {
        for (ServerWebExchangeFirewall firewall : List.of(strict, checkedOnce)) {
            HttpHeaders headers = firewalled(firewall, request()).getRequest().getHeaders();
            for (int read = 0; read < 2; read++) {
                assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
                assertThat(headers.getContentLength()).isEqualTo(2);
                assertThat(headers.getFirst("accept-language")).isEqualTo("ja");
                assertThat(headers.get("Accept-Language")).containsExactly("ja", "en");
                assertThat(headers.getFirst("Origin")).isNull();
                assertThat(headers.get("Origin")).isNull();
                assertThat(headers.containsKey("X-Bad")).isTrue();
            }
        }
    }

    @Test
    void aRefusedHeaderIsRefusedAtEveryRead() {
        for (ServerWebExchangeFirewall firewall : List.of(strict, checkedOnce)) {
            HttpHeaders headers = firewalled(firewall, request()).getRequest().getHeaders();
            for (int read = 0; read < 2; read++) {
                assertThatThrownBy(() -> headers.getFirst("X-Bad")).isInstanceOf(ServerExchangeRejectedException.class);
                assertThatThrownBy(() -> headers.get("x-bad")).isInstanceOf(ServerExchangeRejectedException.class);
            }
            // only the first value is read, and checked, by getFirst
            assertThat(headers.getFirst("X-Second-Bad")).isEqualTo("fine");
            assertThatThrownBy(() -> headers.get("X-Second-Bad")).isInstanceOf(ServerExchangeRejectedException.class);
        }
    }

    @Test
    void aMutatedRequestIsStillChecked() {
        for (ServerWebExchangeFirewall firewall : List.of(strict, checkedOnce)) {
            ServerWebExchange exchange = firewalled(firewall, request());
            Function<ServerWebExchange, HttpHeaders> mutated = e -> e.getRequest().mutate()
                    .header("X-Added", "fine").build().getHeaders();

            HttpHeaders headers = mutated.apply(exchange);

            assertThat(headers.getFirst("X-Added")).isEqualTo("fine");
            assertThatThrownBy(() -> headers.getFirst("X-Bad")).isInstanceOf(ServerExchangeRejectedException.class);
        }
    }

    private static MockServerHttpRequest request() {
        return MockServerHttpRequest.post("/api/proposals/p-1/decision")
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_LENGTH, "2")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ja", "en")
                .header("X-Bad", "a\u0007b")
                .header("X-Second-Bad", "fine", "a\u0007b")
                .build();
    }

    private static ServerWebExchange firewalled(ServerWebExchangeFirewall firewall, MockServerHttpRequest request) {
        return firewall.getFirewalledExchange(MockServerWebExchange.from(request)).block();
    }
}
