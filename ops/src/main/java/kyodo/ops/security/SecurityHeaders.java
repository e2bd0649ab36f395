package kyodo.ops.security;

import kyodo.query.portal.PortalPaths;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The headers every answer carries beyond Spring Security's defaults (nosniff, frame denial, no
 * caching of API answers): a content security policy that lets nothing run from an API answer, a
 * strict one for the portal's pages (their own files only, nothing inline), a looser one for the
 * Swagger UI pages that need their own scripts and styles, no referrer, no browser features, and no
 * server banner.
 */
public final class SecurityHeaders implements WebFilter {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** The portal's pages: their own CSS, images and (later) scripts only; nothing inline, nothing framed. */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "object-src 'none'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    static final String DOCS_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        boolean docs = path.startsWith("/swagger-ui") || path.startsWith("/webjars/");
        String policy = docs ? DOCS_POLICY : PortalPaths.isPortal(path) ? PAGE_POLICY : API_POLICY;
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("Content-Security-Policy", policy);
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            headers.remove("Server");
            headers.remove("X-Powered-By");
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
