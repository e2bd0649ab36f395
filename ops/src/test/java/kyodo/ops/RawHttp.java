package kyodo.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a plain socket, byte for byte as the corpus built it: no client
 * library repairs a request line, re-encodes a path, drops a header or fixes a body on the way.
 * Each exchange has a connection of its own ({@code Connection: close}) and is read to the end.
 */
final class RawHttp {

    private static final int TIMEOUT_MILLIS = 20_000;
    private static final int CONCURRENT_WRITE_BYTES = 32 * 1024;

    private RawHttp() {
    }

    /**
     * The answer, or what went wrong on the wire instead.
     *
     * @param status  the status code, or 0 when no answer could be read ({@code failure} says why)
     * @param headers header names in lower case
     */
    record Response(int status, Map<String, String> headers, byte[] body, String failure) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Response exchange(int port, HostileRequest request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            String writeFailure = null;
            byte[] wire = request.wireBytes();
            Thread writer = null;
            try {
                OutputStream out = socket.getOutputStream();
                if (wire.length > CONCURRENT_WRITE_BYTES) {
                    // A server refuses a body over its limit (413) without reading it, then closes: read its
                    // answer while the body is still going out, as a browser does, or the reset loses it.
                    writer = new Thread(() -> writeQuietly(out, wire), "hostile-body-writer");
                    writer.setDaemon(true);
                    writer.start();
                } else {
                    out.write(wire);
                    out.flush();
                }
                if (request.halfClose()) {
                    // The request stops here (a body shorter than announced, a chunked body without its
                    // last chunk): the server sees the end of the stream and answers or hangs up.
                    socket.shutdownOutput();
                }
                if (request.abandoned() && request.hangUpMillis() == 0) {
                    // Half-close right after the request, as some clients do: the server drops the
                    // connection and cancels its work on the request.
                    socket.shutdownOutput();
                    try {
                        readAll(socket.getInputStream(), true);
                    } catch (IOException dropped) {
                        // expected
                    }
                    return new Response(-1, Map.of(), new byte[0], "half-closed by the client");
                }
                if (request.abandoned()) {
                    // Hang up without waiting for the answer, while the server works on it (abruptly, with a
                    // reset, for requests without a body).
                    sleep(request.hangUpMillis());
                    socket.setSoLinger(request.body() == null, 0);
                    return new Response(-1, Map.of(), new byte[0], "abandoned by the client");
                }
            } catch (IOException e) {
                writeFailure = "write: " + e.getMessage();
            }
            byte[] raw;
            try {
                raw = readAll(socket.getInputStream(), writer != null || request.brokenFraming());
            } catch (SocketTimeoutException e) {
                return new Response(0, Map.of(), new byte[0], "timeout");
            } catch (IOException e) {
                return new Response(0, Map.of(), new byte[0], "read: " + e.getMessage()
                        + (writeFailure == null ? "" : "; " + writeFailure));
            }
            return parse(raw, writeFailure);
        } catch (IOException e) {
            return new Response(0, Map.of(), new byte[0], "connect: " + e.getMessage());
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void writeQuietly(OutputStream out, byte[] wire) {
        try {
            out.write(wire);
            out.flush();
        } catch (IOException refusedMidway) {
            // the server stopped reading: its answer is what counts
        }
    }

    /**
     * Reads the answer to its end; with {@code keepPartial}, a reset after a complete answer head
     * keeps what arrived (the server answered, then dropped the rest of a body it refused).
     */
    private static byte[] readAll(InputStream in, boolean keepPartial) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            if (!keepPartial || all.size() == 0) {
                throw reset;
            }
        }
        return all.toByteArray();
    }

    static Response parse(byte[] raw, String writeFailure) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            return new Response(0, Map.of(), raw, "no complete answer (" + raw.length + " bytes)"
                    + (writeFailure == null ? "" : "; " + writeFailure));
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = statusLine.length > 1 && statusLine[1].matches("[0-9]{3}") ? Integer.parseInt(statusLine[1]) : 0;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body, status == 0 ? "unreadable status line: " + lines[0] : null);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(Arrays.copyOfRange(chunked, at, chunked.length),
                    "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(chunked, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                break;
            }
            at += lineEnd + 2;
            if (size == 0 || at + size > chunked.length) {
                break;
            }
            out.write(chunked, at, size);
            at += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
