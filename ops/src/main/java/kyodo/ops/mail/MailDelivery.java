package kyodo.ops.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * How a message leaves kyodo: by SMTP, or, on the embedded default without a mail server, as an
 * {@code .eml} file in the outbox directory (so that the demo works and a message can be read). A
 * failure throws; the outbox then tries again later.
 */
interface MailDelivery {

    void deliver(MailMessage message) throws MessagingException, IOException;

    /** Where delivered messages go, for the start-up log. */
    String describe();

    /** Through Spring's SMTP sender, configured by {@code spring.mail.*}. */
    static MailDelivery smtp(JavaMailSender sender, String from, String host) {
        return new MailDelivery() {
            @Override
            public void deliver(MailMessage message) throws MessagingException {
                MimeMessage mime = sender.createMimeMessage();
                message.fill(mime, from);
                sender.send(mime);
            }

            @Override
            public String describe() {
                return "SMTP at " + host;
            }
        };
    }

    /**
     * As {@code <id>.eml} in the directory, written to a temporary file first and then moved, so a
     * reader never sees half a message; writing the same message again replaces it (delivered once).
     */
    static MailDelivery files(Path directory, String from) {
        return new MailDelivery() {
            @Override
            public void deliver(MailMessage message) throws MessagingException, IOException {
                Files.createDirectories(directory);
                MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()));
                message.fill(mime, from);
                mime.saveChanges();
                Path partial = directory.resolve(message.id() + ".eml.part");
                try (OutputStream out = Files.newOutputStream(partial)) {
                    mime.writeTo(out);
                }
                Files.move(partial, directory.resolve(message.id() + ".eml"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }

            @Override
            public String describe() {
                return ".eml files in " + directory;
            }
        };
    }
}
