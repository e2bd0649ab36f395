package kyodo.ops;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request of the hostile corpus, kept as the exact bytes to send so that broken encodings,
 * raw control bytes and odd request lines reach the server unrepaired.
 *
 * @param category what kind of hostility it is, for the summary
 * @param target   the request target as sent (ISO-8859-1, so any byte can be written)
 * @param headers  name/value pairs in order (ISO-8859-1); Host, Connection and the body's length
 *                 are added on the wire
 * @param body     null for no body
 * @param chunked  send the body with chunked transfer encoding instead of Content-Length
 * @param hangUpMillis for a client that hangs up without reading the answer, how long after sending;
 *                 -1 for one that reads it
 * @param halfClose the client shuts its side down right after sending (a body that stops short, a
 *                 chunked body without its last chunk) and then reads what the server answers
 */
record HostileRequest(String category, String method, String target, List<String[]> headers, byte[] body,
                      boolean chunked, int hangUpMillis, boolean halfClose) {

    HostileRequest(String category, String method, String target, List<String[]> headers, byte[] body,
                   boolean chunked) {
        this(category, method, target, headers, body, chunked, -1, false);
    }

    /** A request the client hangs up on without reading the answer. */
    boolean abandoned() {
        return hangUpMillis >= 0;
    }

    HostileRequest hangingUpAfter(int millis) {
        return new HostileRequest(category, method, target, headers, body, chunked, millis, halfClose);
    }

    /** The same request, sent by a client that half-closes right after it and then reads the answer. */
    HostileRequest halfClosing() {
        return new HostileRequest(category, method, target, headers, body, chunked, hangUpMillis, true);
    }

    HostileRequest withHeader(String name, String value) {
        List<String[]> more = new ArrayList<>(headers);
        more.add(new String[] {name, value});
        return new HostileRequest(category, method, target, more, body, chunked, hangUpMillis, halfClose);
    }

    HostileRequest withoutHeader(String name) {
        List<String[]> fewer = new ArrayList<>(headers);
        fewer.removeIf(h -> h[0].equalsIgnoreCase(name));
        return new HostileRequest(category, method, target, fewer, body, chunked, hangUpMillis, halfClose);
    }

    HostileRequest withCategory(String newCategory) {
        return new HostileRequest(newCategory, method, target, headers, body, chunked, hangUpMillis, halfClose);
    }

    HostileRequest withMethod(String newMethod) {
        return new HostileRequest(category, newMethod, target, headers, body, chunked, hangUpMillis, halfClose);
    }

    HostileRequest withTarget(String newTarget) {
        return new HostileRequest(category, method, newTarget, headers, body, chunked, hangUpMillis, halfClose);
    }

    /**
     * The same request with these exact body bytes on the wire and the framing headers as given
     * (a Content-Length or Transfer-Encoding header of the corpus's own), nothing added.
     */
    HostileRequest framedAs(byte[] wireBody, String... framingHeaders) {
        HostileRequest framed = new HostileRequest(category, method, target, headers, wireBody, false, hangUpMillis,
                halfClose);
        for (int i = 0; i < framingHeaders.length; i += 2) {
            framed = framed.withHeader(framingHeaders[i], framingHeaders[i + 1]);
        }
        return framed;
    }

    /**
     * Whether the corpus wrote the body's framing itself (Content-Length, Transfer-Encoding): then
     * the body goes on the wire exactly as it is, broken framing included.
     */
    boolean ownFraming() {
        return headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Content-Length")
                || h[0].equalsIgnoreCase("Transfer-Encoding"));
    }

    /**
     * Whether the HTTP message itself is malformed or cut short (its framing, a half-closed
     * connection), so that the server may drop the connection without an answer.
     */
    boolean brokenFraming() {
        return ownFraming() || halfClose;
    }

    byte[] wireBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: localhost\r\n");
        for (String[] header : headers) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        if (ownFraming()) {
            // the corpus framed the body itself, however wrongly
        } else if (body != null && chunked) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null && chunked && !ownFraming()) {
            int at = 0;
            while (at < body.length) {
                int size = Math.min(8192, body.length - at);
                out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, at, size);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                at += size;
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /**
     * Whether the request is broken at the HTTP level (request line, header syntax or size), where
     * the server's HTTP codec may refuse it with a bare status before any of kyodo's code runs.
     */
    boolean wireLevel() {
        if (category.equals("wire level") || brokenFraming() || target.length() > 4_000
                || !method.matches("[A-Z-]{1,64}")) {
            return true;
        }
        if (target.chars().anyMatch(c -> c < 0x21 || c > 0x7e) || !isUri(target)) {
            return true;
        }
        for (String[] header : headers) {
            if (!header[0].matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") || header[1].length() > 4_000
                    || header[1].chars().anyMatch(c -> (c < 0x20 && c != '\t') || c > 0x7e)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the target is a URI (RFC 3986) at all. Spring's Reactor Netty adapter answers a
     * target that is not (a bad %-escape, a '[' in the query) with a bare 400 before any filter.
     */
    private static boolean isUri(String target) {
        try {
            new java.net.URI(target);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** A short description for a failure report: method, target, headers and the start of the body. */
    String describe() {
        StringBuilder sb = new StringBuilder(category).append(": ").append(abbreviate(method, 40)).append(' ')
                .append(abbreviate(target, 200)).append(halfClose ? " (then half-closed)" : "");
        for (String[] header : headers) {
            sb.append("\n    ").append(header[0]).append(": ").append(abbreviate(header[1], 120));
        }
        if (body != null) {
            sb.append("\n    body (").append(body.length).append(" bytes").append(chunked ? ", chunked" : "")
                    .append("): ").append(abbreviate(new String(body, StandardCharsets.UTF_8), 300));
        }
        return sb.toString();
    }

    static String abbreviate(String text, int max) {
        String visible = text.replaceAll("[\\x00-\\x1f\\x7f]", "?");
        return visible.length() <= max ? visible : visible.substring(0, max) + "…(" + text.length() + ")";
    }
}
