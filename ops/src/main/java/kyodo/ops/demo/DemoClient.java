package kyodo.ops.demo;

import org.springframework.web.reactive.function.client.WebClient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who the demo loader acts as, in one place: a client per role and ward scope. The platform checks
 * every command against the acting staff member's role (ADMIN sets ward budget envelopes, the ward
 * head approves and allocates, staff of the ward do the rest), so the loader asks for the role a
 * real office would use for each step.
 *
 * <p>Today the command API takes the acting staff member from the interim {@code X-Kyodo-Staff-Id}
 * and {@code X-Kyodo-Staff-Role} headers ({@link #interim}); when the API authenticates callers,
 * this is the one class that changes to present real credentials. Against a remote server
 * ({@code demo load --url}) the same applies: the loader can only act as the server accepts.
 */
public final class DemoClient {

    private static final String STAFF_ID_PREFIX = "demo-loader";

    private final WebClient base;
    private final Map<String, WebClient> clients = new ConcurrentHashMap<>();

    private DemoClient(WebClient base) {
        this.base = base;
    }

    /** A client of the server at that base URL (e.g. {@code http://localhost:8080}), with interim identity headers. */
    public static DemoClient interim(String baseUrl) {
        return new DemoClient(WebClient.builder().baseUrl(baseUrl)
                .codecs(c -> c.defaultCodecs().maxInMemorySize(1024 * 1024))
                .build());
    }

    /**
     * A client acting in that role, scoped to that ward.
     *
     * @param role        STAFF, WARD_HEAD or ADMIN
     * @param wardOrNull  a ward code, or null for city-wide
     */
    public WebClient as(String role, String wardOrNull) {
        String staffId = STAFF_ID_PREFIX + "-" + role.toLowerCase() + (wardOrNull == null ? "" : "-" + wardOrNull);
        return clients.computeIfAbsent(staffId, id -> base.mutate()
                .defaultHeader("X-Kyodo-Staff-Id", id)
                .defaultHeader("X-Kyodo-Staff-Role", role)
                .build());
    }

    /** A client that names nobody, for public reads. */
    WebClient anonymous() {
        return base;
    }
}
