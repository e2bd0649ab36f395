package kyodo.ops.audit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The witness's HTTP edge: {@code POST /add-checkpoint} (c2sp.org/tlog-witness) and nothing else. A
 * small JDK server, so that a witness runs on a machine of its own without the platform.
 */
public final class WitnessServer implements AutoCloseable {

    /** Largest request body read: a checkpoint with many signatures and 63 proof lines fits easily. */
    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;

    private WitnessServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving the witness on that address (port 0: any free port). */
    public static WitnessServer start(Witness witness, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/add-checkpoint", exchange -> {
            try (exchange) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.getResponseHeaders().add("Allow", "POST");
                    send(exchange, new Witness.Answer(405, "text/plain; charset=utf-8", "POST only\n"));
                    return;
                }
                byte[] body = read(exchange.getRequestBody());
                send(exchange, body == null ? new Witness.Answer(413, "text/plain; charset=utf-8", "too large\n")
                        : witness.addCheckpoint(new String(body, StandardCharsets.UTF_8)));
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "kyodo-witness");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return new WitnessServer(server);
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static void send(HttpExchange exchange, Witness.Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
