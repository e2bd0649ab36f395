package kyodo.ops.console;

import kyodo.ops.resident.ResidentSecurity;
import kyodo.ops.security.BrowserChains;
import kyodo.ops.security.ConsoleSecurity;
import kyodo.query.web.ReadAfterWrite;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The staff console's and the residents' pages are reached right after the member's own form post, with
 * {@code ?minVersion}: their reads wait up to {@code kyodo.query.page-max-wait} (30 s) for the read model,
 * not the API's {@code kyodo.query.max-wait} (5 s), so a busy server shows the change a little later
 * instead of a 503 page. Both areas are behind sign-in, so no anonymous visitor can hold a request that long.
 * Which paths are theirs, the areas themselves say ({@link BrowserChains.Area#covers}).
 */
@Component
class SignedInPageReads implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        boolean page = ConsoleSecurity.CONSOLE.covers(path) || ResidentSecurity.RESIDENT.covers(path);
        return page ? chain.filter(exchange).contextWrite(ReadAfterWrite::onSignedInPage) : chain.filter(exchange);
    }
}
