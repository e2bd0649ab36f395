package kyodo.ops.crash;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * JSON over HTTP to the server, as any client sends it (java.net.http, HTTP/1.1, Basic sign-in).
 * A transport failure (refused, reset, timed out) is an {@link IOException}: the command's fate is
 * then unknown to the client.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    Api(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** A local account: id and password, sent with HTTP Basic. */
    record Account(String username, String password) {

        String basic() {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * An answer.
     *
     * @param status  HTTP status
     * @param version the ETag's aggregate version, or null without one
     * @param body    the JSON body, or a missing node
     */
    record Answer(int status, Long version, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String text(String field) {
            JsonNode value = body.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }

        /** The status and the problem type, if any, e.g. {@code 409 /problems/proposal-already-decided}. */
        String summary() {
            String type = text("type");
            return type == null ? Integer.toString(status) : status + " " + type;
        }
    }

    Answer get(String path, Account as) throws IOException, InterruptedException {
        return send("GET", path, as, null, Map.of());
    }

    Answer post(String path, Account as, Object body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return send("POST", path, as, body, headers);
    }

    Answer put(String path, Account as, Object body) throws IOException, InterruptedException {
        return send("PUT", path, as, body, Map.of());
    }

    private Answer send(String method, String path, Account as, Object body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Accept", "application/json");
        if (as != null) {
            request.header("Authorization", as.basic());
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json(body), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.headers().firstValue("ETag").map(Api::version).orElse(null),
                parse(response.body()));
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static Long version(String etag) {
        String digits = etag.replace("W/", "").replace("\"", "").strip();
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException notAVersion) {
            return null;
        }
    }
}
