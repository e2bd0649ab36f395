package kyodo.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Role;
import kyodo.ops.security.StaffAccounts;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Who the demo loader acts as, in one place: a client per role and ward scope, signed in like any
 * other client. The platform checks every command against the actor's role and ward (ADMIN sets
 * ward budget envelopes, the ward head approves and allocates, staff of the ward do the rest), so
 * the loader signs in as the account a real office would use for each step ({@code demo-<role>-<ward>},
 * {@code demo-loader-…} for the process's own).
 *
 * <ul>
 *   <li>In the same process ({@link #inProcess}) those accounts are the process's own, in memory
 *       only, gone at shutdown.</li>
 *   <li>Against a running server ({@link #throughAdministrator}) an administrator's credentials
 *       create them through {@code /api/admin/accounts} (or give them a new password when they
 *       exist from an earlier load).</li>
 * </ul>
 */
public final class DemoClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Account ids of the process's own accounts, apart from those created on a server. */
    private static final String IN_PROCESS = "demo-loader-";
    private static final String REMOTE = "demo-";

    private final WebClient base;
    private final String prefix;
    private final Function<String[], String> passwordFor;
    private final Map<String, WebClient> clients = new ConcurrentHashMap<>();

    private DemoClient(WebClient base, String prefix, Function<String[], String> passwordFor) {
        this.base = base;
        this.prefix = prefix;
        this.passwordFor = passwordFor;
    }

    private static WebClient base(String baseUrl) {
        return WebClient.builder().baseUrl(baseUrl).codecs(c -> c.defaultCodecs().maxInMemorySize(1024 * 1024))
                .build();
    }

    /** A client of the app in this process (e.g. {@code http://localhost:8080}), with accounts of its own. */
    public static DemoClient inProcess(String baseUrl, StaffAccounts accounts) {
        return new DemoClient(base(baseUrl), IN_PROCESS, roleAndWard -> accounts.serviceAccount(
                username(IN_PROCESS, roleAndWard),
                Role.fromName(roleAndWard[0]).orElseThrow(),
                roleAndWard[1] == null ? null : Ward.fromCode(roleAndWard[1]).orElseThrow()));
    }

    /**
     * A client of a running server: the administrator's account creates the loader's accounts there.
     *
     * @param adminUsername an ADMIN account of that server
     * @param adminPassword its password
     */
    public static DemoClient throughAdministrator(String baseUrl, String adminUsername, String adminPassword) {
        WebClient base = base(baseUrl);
        WebClient admin = base.mutate().defaultHeaders(h -> h.setBasicAuth(adminUsername, adminPassword)).build();
        return new DemoClient(base, REMOTE, roleAndWard -> {
            String username = username(REMOTE, roleAndWard);
            Map<String, String> account = roleAndWard[1] == null
                    ? Map.of("username", username, "role", roleAndWard[0])
                    : Map.of("username", username, "role", roleAndWard[0], "ward", roleAndWard[1]);
            Map<?, ?> answer;
            try {
                answer = admin.post().uri("/api/admin/accounts").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(account).retrieve().bodyToMono(Map.class).block(TIMEOUT);
            } catch (WebClientResponseException e) {
                if (e.getStatusCode() != HttpStatus.CONFLICT) {
                    throw e;
                }
                answer = admin.post().uri("/api/admin/accounts/{u}/password-reset", username)
                        .retrieve().bodyToMono(Map.class).block(TIMEOUT);
            }
            return (String) answer.get("password");
        });
    }

    private static String username(String prefix, String[] roleAndWard) {
        return prefix + roleAndWard[0].toLowerCase().replace('_', '-') + "-"
                + (roleAndWard[1] == null ? "city" : roleAndWard[1]);
    }

    /**
     * A client acting in that role, scoped to that ward.
     *
     * @param role        STAFF, WARD_HEAD or ADMIN
     * @param wardOrNull  a ward code, or null for city-wide
     */
    public WebClient as(String role, String wardOrNull) {
        String[] roleAndWard = {role, wardOrNull};
        return clients.computeIfAbsent(username(prefix, roleAndWard), username -> {
            String password = passwordFor.apply(roleAndWard);
            return base.mutate().defaultHeaders(h -> h.setBasicAuth(username, password)).build();
        });
    }

    /** A client that names nobody, for public reads. */
    WebClient anonymous() {
        return base;
    }

    /**
     * A subject's public history, read from the event store (never behind, unlike a read model), or
     * empty when the subject does not exist.
     *
     * @param subjectType e.g. {@code ward-budget}, {@code project}, {@code proposal}
     */
    Optional<JsonNode> history(String subjectType, String id) {
        try {
            return Optional.of(base.get().uri("/public/history/{type}/{id}", subjectType, id)
                    .retrieve().bodyToMono(JsonNode.class).block(TIMEOUT));
        } catch (WebClientResponseException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw DemoLoadException.refused("GET /public/history/" + subjectType + "/" + id, e);
        }
    }
}
