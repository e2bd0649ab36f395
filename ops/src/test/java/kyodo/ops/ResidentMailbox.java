package kyodo.ops;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail residents get, as a test reads it: the {@code .eml} files of the outbox directory (the
 * embedded default without SMTP), or messages an SMTP test server received; and the code in one.
 */
public final class ResidentMailbox {

    private static final Pattern CODE = Pattern.compile("(?:確認コード|Confirmation code): ([A-Z0-9]+)");

    private ResidentMailbox() {
    }

    /** Every message in the outbox directory addressed to {@code to}, parsed. */
    static List<MimeMessage> outbox(Path dataDir, String to) {
        Path dir = dataDir.resolve("outbox");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".eml")).sorted().map(ResidentMailbox::read)
                    .filter(m -> recipient(m).equalsIgnoreCase(to)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of every message in the outbox directory for {@code to}, oldest file name first. */
    public static List<String> texts(Path dataDir, String to) {
        return outbox(dataDir, to).stream().map(ResidentMailbox::text).toList();
    }

    /** The confirmation code of the one message in the outbox for {@code to}, once it was written. */
    public static String codeFor(Path dataDir, String to) {
        String[] code = new String[1];
        KyodoTestApp.eventually(() -> {
            List<MimeMessage> mails = outbox(dataDir, to);
            assertThat(mails).as("mail to the resident").isNotEmpty();
            code[0] = code(mails.get(mails.size() - 1));
        });
        return code[0];
    }

    /** The code in a message's text. */
    static String code(MimeMessage message) {
        Matcher m = CODE.matcher(text(message));
        assertThat(m.find()).as("a code in the mail").isTrue();
        return m.group(1);
    }

    static String text(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
