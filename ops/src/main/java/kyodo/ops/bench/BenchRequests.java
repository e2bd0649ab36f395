package kyodo.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** The driver's requests to one server: JSON in and out, HTTP Basic, its accounts. */
final class BenchRequests {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI url;
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();

    BenchRequests(URI url) {
        this.url = url;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpClient http() {
        return http;
    }

    HttpRequest get(String path, String authorization) {
        return get(path, authorization == null ? Map.of() : Map.of("Authorization", authorization));
    }

    /** A GET with these headers; JSON unless they ask for something else. */
    HttpRequest get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).timeout(REQUEST_TIMEOUT).GET();
        if (!headers.containsKey("Accept")) {
            request.header("Accept", "application/json");
        }
        headers.forEach(request::header);
        return request.build();
    }

    HttpRequest post(String path, Object body, String authorization) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return request.build();
        } catch (IOException e) {
            throw new BenchException("cannot write a request body", e);
        }
    }

    /** The ids of a list page's items ({@code {"items": [{"id": …}, …]}}); none when it is not one. */
    java.util.List<String> ids(String listPage) {
        try {
            java.util.List<String> ids = new java.util.ArrayList<>();
            mapper.readTree(listPage).path("items").forEach(item -> {
                if (item.path("id").isTextual()) {
                    ids.add(item.path("id").asText());
                }
            });
            return ids;
        } catch (IOException e) {
            return java.util.List.of();
        }
    }

    java.util.Optional<String> id(HttpResponse<String> answer) {
        try {
            JsonNode id = mapper.readTree(answer.body()).get("id");
            return id == null || !id.isTextual() ? java.util.Optional.empty() : java.util.Optional.of(id.asText());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Creates the account through the administrator, or gives it a new password when it exists. */
    String account(String adminUser, String adminPassword, String username, String role) {
        String admin = basic(adminUser, adminPassword);
        HttpResponse<String> created = exchange(post("/api/admin/accounts",
                Map.of("username", username, "role", role), admin));
        if (created.statusCode() == 409) {
            created = exchange(HttpRequest.newBuilder(url.resolve("/api/admin/accounts/" + username
                            + "/password-reset")).timeout(REQUEST_TIMEOUT).header("Authorization", admin)
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
        }
        if (created.statusCode() / 100 != 2) {
            throw new BenchException("cannot create the account " + username + " through " + adminUser
                    + ": " + created.statusCode() + " " + created.body());
        }
        try {
            return mapper.readTree(created.body()).get("password").asText();
        } catch (IOException | NullPointerException e) {
            throw new BenchException("the server answered no password for " + username);
        }
    }

    HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BenchException("cannot reach " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
