package kyodo.ops;

import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The headers with which a test client signs its requests in, captured by sending one request of
 * that client to a throw-away local socket. The raw-socket corpus can then sign in exactly as
 * {@link KyodoTestApp#http()} does, whatever credentials that client carries (interim headers
 * today, real credentials once access control lands), without knowing them.
 */
final class SignedInHeaders {

    /** Headers any client sends, which say nothing about who is signed in. */
    private static final Set<String> GENERIC = Set.of("host", "user-agent", "accept", "accept-encoding",
            "content-length", "connection", "webtestclient-request-id", "content-type");

    private SignedInHeaders() {
    }

    static List<String[]> of(WebTestClient client) {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(60_000);
            CompletableFuture<List<String[]>> captured = CompletableFuture.supplyAsync(() -> accept(server),
                    runnable -> new Thread(runnable, "signed-in-header-capture").start());
            client.get().uri("http://127.0.0.1:" + server.getLocalPort() + "/capture").exchange();
            return captured.get(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not capture the signed-in headers", e);
        }
    }

    private static List<String[]> accept(ServerSocket server) {
        try (Socket socket = server.accept()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            List<String[]> headers = new ArrayList<>();
            reader.readLine();
            for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim();
                if (!GENERIC.contains(name.toLowerCase(Locale.ROOT))) {
                    headers.add(new String[] {name, line.substring(colon + 1).trim()});
                }
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return headers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
