package kyodo.ops;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser in the staff console, as far as the server can tell: it keeps the cookies it is given,
 * sends them back, follows nothing by itself (a test sees every redirect), and reads the CSRF token
 * of the last page it got, which its form posts carry unless a test leaves it out.
 */
final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final Supplier<WebTestClient> http;
    private final Map<String, ResponseCookie> cookies = new LinkedHashMap<>();
    private final String forwardedFor;
    private String csrf;

    /** @param forwardedFor the client address the proxy reports (with trust-forwarded-for), or null */
    ConsoleSession(Supplier<WebTestClient> http, String forwardedFor) {
        this.http = http;
        this.forwardedFor = forwardedFor;
    }

    /** An answer: its status, headers and HTML. */
    record Page(int status, HttpHeaders headers, String html) {

        /** Where a redirect sends the browser. */
        String location() {
            return headers.getFirst(HttpHeaders.LOCATION);
        }

        Page redirectsTo(String location) {
            assertThat(status).as("a redirect").isIn(302, 303);
            assertThat(location()).isEqualTo(location);
            return this;
        }

        Page status(int expected) {
            assertThat(status).as("status of a page that reads: %s", html.length() > 2_000 ? html.substring(0, 2_000) : html)
                    .isEqualTo(expected);
            return this;
        }

        /** The HTML of the element with that id up to its closing tag of the same name (no nesting of that tag). */
        String part(String id, String tag) {
            int start = html.indexOf("id=\"" + id + "\"");
            assertThat(start).as("an element with id %s", id).isGreaterThanOrEqualTo(0);
            int end = html.indexOf("</" + tag + ">", start);
            return html.substring(start, end < 0 ? html.length() : end);
        }
    }

    Page get(String path) {
        return answer(http.get().get().uri(path).headers(this::headers).exchange().expectBody().returnResult());
    }

    /** Follows a location as the server wrote it (already encoded), as a browser follows a redirect. */
    Page follow(String location) {
        // the client's base URL, then the location as written: a template would encode its '%' again
        return answer(http.get().get().uri(base -> URI.create(base.build().toString().replaceAll("/$", "") + location))
                .headers(this::headers).exchange().expectBody().returnResult());
    }

    /** Posts the form with the CSRF token of the last page. */
    Page post(String path, Map<String, String> fields) {
        assertThat(csrf).as("a page with a CSRF token was read before posting").isNotNull();
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", csrf);
        return postWithout(path, withToken);
    }

    /** Posts the form as given: without a CSRF token unless it holds one. */
    Page postWithout(String path, Map<String, String> fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return answer(http.get().post().uri(path).headers(this::headers)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(form)
                .exchange().expectBody().returnResult());
    }

    /** Reads the sign-in page and posts the form; answers the edge's redirect. */
    Page signIn(String username, String password) {
        get("/console/sign-in").status(200);
        return post("/console/sign-in", Map.of("username", username, "password", password));
    }

    /** The value of the session cookie, or null. */
    String sessionId() {
        ResponseCookie session = cookies.get("SESSION");
        return session == null ? null : session.getValue();
    }

    private void headers(HttpHeaders headers) {
        if (!cookies.isEmpty()) {
            headers.add(HttpHeaders.COOKIE, String.join("; ",
                    cookies.values().stream().map(c -> c.getName() + "=" + c.getValue()).toList()));
        }
        if (forwardedFor != null) {
            headers.add("X-Forwarded-For", forwardedFor);
        }
    }

    private Page answer(EntityExchangeResult<byte[]> result) {
        result.getResponseCookies().forEach((name, values) -> values.forEach(cookie -> {
            if (cookie.getMaxAge().isZero()) {
                cookies.remove(name);
            } else {
                cookies.put(name, cookie);
            }
        }));
        byte[] body = result.getResponseBody();
        String html = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        Matcher token = CSRF.matcher(html);
        if (token.find()) {
            csrf = token.group(1);
        }
        return new Page(result.getStatus().value(), result.getResponseHeaders(), html);
    }

    /** The cookies of the last answers, as the server set them (for their attributes). */
    List<ResponseCookie> cookies() {
        return List.copyOf(cookies.values());
    }
}
