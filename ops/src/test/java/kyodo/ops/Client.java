package kyodo.ops;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Somebody talking to the running app over HTTP: the "given" and "when" of an IT. It names the
 * subjects it creates ({@link #submitProposal()}, {@link #scheduleMeeting}, {@link #created}) and
 * sends requests ({@link #post}, {@link #get}, …) whose {@link Answer} holds the "then". It asks the
 * app for a client on every request, so it outlives a restart.
 */
final class Client {

    private final Supplier<WebTestClient> http;

    Client(Supplier<WebTestClient> http) {
        this.http = http;
    }

    /** The WebTestClient underneath, for what the DSL does not say. */
    WebTestClient http() {
        return http.get();
    }

    Request post(String uri, Object... vars) {
        return new Request(HttpMethod.POST, uri, vars);
    }

    Request put(String uri, Object... vars) {
        return new Request(HttpMethod.PUT, uri, vars);
    }

    Request method(HttpMethod method, String uri, Object... vars) {
        return new Request(method, uri, vars);
    }

    Answer get(String uri, Object... vars) {
        return new Request(HttpMethod.GET, uri, vars).send();
    }

    /** Given: a proposal as {@link Requests#proposal()} submits it; its id. */
    String submitProposal() {
        return created("/api/proposals", Requests.proposal());
    }

    /** Given: a meeting with this body ({@link Requests#meeting()}); its id. */
    String scheduleMeeting(Map<String, Object> body) {
        return created("/api/meetings", body);
    }

    /** Given: a proposal submitted and acknowledged by that department (version 1); its id. */
    String acknowledgedProposal(String department) {
        String id = submitProposal();
        post("/api/proposals/{id}/acknowledgement", id).body(Map.of("department", department)).ok();
        return id;
    }

    /** Given: the subject the POST creates (201); its id. */
    String created(String path, Object body) {
        return post(path).body(body).createdId();
    }

    /** A request being written; {@link #body} or {@link #send} sends it. */
    final class Request {

        private final HttpMethod method;
        private final String uri;
        private final Object[] vars;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String contentType = MediaType.APPLICATION_JSON_VALUE;

        private Request(HttpMethod method, String uri, Object[] vars) {
            this.method = method;
            this.uri = uri;
            this.vars = vars;
        }

        /** If-Match with the version the sender last saw. */
        Request ifMatch(long version) {
            return ifMatch("\"" + version + "\"");
        }

        /** If-Match exactly as written, e.g. a malformed one. */
        Request ifMatch(String raw) {
            return raw == null ? this : header("If-Match", raw);
        }

        Request idempotencyKey(String key) {
            return header("Idempotency-Key", key);
        }

        Request language(String acceptLanguage) {
            return header("Accept-Language", acceptLanguage);
        }

        Request contentType(String value) {
            contentType = value;
            return this;
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** When: sent with this body (JSON unless {@link #contentType} said otherwise). */
        Answer body(Object body) {
            return new Answer(spec().header("Content-Type", contentType).bodyValue(body).exchange());
        }

        /** When: sent without a body. */
        Answer send() {
            return new Answer(spec().exchange());
        }

        private WebTestClient.RequestBodySpec spec() {
            WebTestClient.RequestBodySpec request = http.get().method(method).uri(uri, vars);
            headers.forEach(request::header);
            return request;
        }
    }
}
