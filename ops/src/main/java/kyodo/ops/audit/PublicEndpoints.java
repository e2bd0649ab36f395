package kyodo.ops.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** GET requests to a kyodo's public endpoints, for the verifiers: JSON, text or bytes. */
final class PublicEndpoints {

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    PublicEndpoints(URI base) {
        this.base = base;
    }

    /** GET as JSON; null for a 404 when {@code absentOk}, else a non-200 is an error. */
    JsonNode json(String path, boolean absentOk) throws IOException, InterruptedException {
        byte[] body = bytes(path, absentOk, "application/json");
        return body == null ? null : json.readTree(body);
    }

    /** GET as UTF-8 text; null for a 404 when {@code absentOk}. */
    String text(String path, boolean absentOk) throws IOException, InterruptedException {
        byte[] body = bytes(path, absentOk, "text/plain");
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    /** GET as bytes; null for a 404 when {@code absentOk}. */
    byte[] bytes(String path, boolean absentOk, String accept) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", accept).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IOException("GET " + request.uri() + " failed: " + describe(e), e);
        }
        if (response.statusCode() == 404 && absentOk) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
