package kyodo.ops.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/**
 * One message of the outbox: plain text in UTF-8, in the recipient's language. The address is
 * personal data: it is kept only until the message is sent, and never logged.
 *
 * @param id        the outbox's id of the message (also its file name in the outbox directory)
 * @param to        the recipient's address
 * @param subject   the subject line
 * @param body      the text
 * @param createdAt when it was queued (the message's date)
 */
public record MailMessage(String id, String to, String subject, String body, Instant createdAt) {

    /** Fills a MIME message (of the SMTP sender's session, or a plain one for a file) with this one. */
    void fill(MimeMessage mime, String from) throws MessagingException {
        mime.setFrom(new InternetAddress(from));
        mime.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
        mime.setSubject(subject, StandardCharsets.UTF_8.name());
        mime.setText(body, StandardCharsets.UTF_8.name());
        mime.setSentDate(Date.from(createdAt));
        mime.setHeader("X-Kyodo-Message", id);
    }

    @Override
    public String toString() {
        return "MailMessage[id=" + id + ", personal data]";
    }
}
