package kyodo.ops.security;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kept-alive connection is read again after a buffered request was answered at once: Reactor Netty
 * 1.2 alone leaves the third request below unread until the client gives up (reactor-netty#4361;
 * without {@link KeepAliveReads} every round here times out).
 */
class KeepAliveReadsTest {

    @Test
    void theNextRequestIsReadAfterABufferedRequestWasAnsweredAtOnce() throws IOException {
        DisposableServer server = new KeepAliveReads().keepAliveConnectionsKeepReading()
                .apply(HttpServer.create().host("127.0.0.1").port(0))
                .handle((request, response) -> response.sendString(request.uri().equals("/slow")
                        ? Mono.delay(Duration.ofMillis(50)).thenReturn("slow") : Mono.just(request.uri().substring(1))))
                .bindNow();
        try {
            for (int round = 0; round < 10; round++) {
                try (Socket socket = new Socket("127.0.0.1", server.port())) {
                    socket.setSoTimeout(5_000);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    List<String> answers = new ArrayList<>();
                    // the second request arrives while the first is still being answered: it is buffered
                    send(out, "GET /slow HTTP/1.1\r\nHost: kyodo\r\n\r\nGET /fast HTTP/1.1\r\nHost: kyodo\r\n\r\n");
                    answers.add(body(in));
                    answers.add(body(in));
                    send(out, "GET /third HTTP/1.1\r\nHost: kyodo\r\n\r\n");
                    answers.add(body(in));
                    assertThat(answers).as("round %d", round).containsExactly("slow", "fast", "third");
                }
            }
        } finally {
            server.disposeNow();
        }
    }

    private static void send(OutputStream out, String requests) throws IOException {
        out.write(requests.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one answer (fixed length or chunked) and returns its body. */
    private static String body(InputStream in) throws IOException {
        int length = -1;
        boolean chunked = false;
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            String header = line.toLowerCase();
            if (header.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).strip());
            }
            chunked |= header.startsWith("transfer-encoding:") && header.contains("chunked");
        }
        StringBuilder body = new StringBuilder();
        if (chunked) {
            for (int size = Integer.parseInt(line(in).strip(), 16); size > 0;
                 size = Integer.parseInt(line(in).strip(), 16)) {
                body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                line(in);
            }
            line(in);
        } else if (length > 0) {
            body.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        if (c == -1) {
            throw new EOFException("the server closed the connection");
        }
        return line.toString();
    }
}
