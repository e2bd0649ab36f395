package kyodo.ops.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of the outbox: plain text in UTF-8, in the recipient's language. The address is
 * personal data: it is kept only until the message is sent, and never logged.
 *
 * @param id        the outbox's id of the message (also its file name in the outbox directory)
 * @param to        the recipient's address
 * @param subject   the subject line
 * @param body      the text
 * @param createdAt when it was queued (the message's date)
 * @param headers   extra header lines, in order (e.g. RFC 8058's {@code List-Unsubscribe}); none for most
 */
public record MailMessage(String id, String to, String subject, String body, Instant createdAt,
                          Map<String, String> headers) {

    public MailMessage {
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Header lines as the outbox stores them: one {@code Name: value} per line (values hold no line breaks). */
    static String headerLines(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        StringBuilder lines = new StringBuilder();
        headers.forEach((name, value) -> {
            if (!name.matches("[A-Za-z][A-Za-z0-9-]*") || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("not a header line: " + name);
            }
            lines.append(name).append(": ").append(value).append('\n');
        });
        return lines.toString();
    }

    static Map<String, String> parseHeaders(String lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (lines != null) {
            for (String line : lines.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    headers.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        return headers;
    }

    /** Fills a MIME message (of the SMTP sender's session, or a plain one for a file) with this one. */
    void fill(MimeMessage mime, String from) throws MessagingException {
        mime.setFrom(new InternetAddress(from));
        mime.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
        mime.setSubject(subject, StandardCharsets.UTF_8.name());
        mime.setText(body, StandardCharsets.UTF_8.name());
        mime.setSentDate(Date.from(createdAt));
        mime.setHeader("X-Kyodo-Message", id);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            mime.setHeader(header.getKey(), header.getValue());
        }
    }

    @Override
    public String toString() {
        return "MailMessage[id=" + id + ", personal data]";
    }
}
