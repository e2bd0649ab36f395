package kyodo.ops;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import kyodo.ops.mail.Outbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Residents' mail through SMTP (spring.mail.host set), against an in-process SMTP server: a message
 * is stored in the durable outbox before the request answers, survives a mail server that is down
 * (retried with back-off, never lost) and is delivered once when it comes up; a sign-up's code goes
 * out in the resident's language.
 */
class ResidentMailIT {

    /**
     * The SMTP port, held by a socket that is bound but does not listen (a connection is refused, as
     * by a server that is down) until the test's server takes it: a port merely picked and freed could
     * be handed to another socket (the app's own start binds several) before the server binds it.
     */
    private static final Socket HELD = holdPort();
    private static final int SMTP_PORT = HELD.getLocalPort();

    @RegisterExtension
    static final RunningApp app = new RunningApp("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + SMTP_PORT,
            "--kyodo.mail.from=kyodo@city.example.jp", "--kyodo.mail.first-retry=200ms",
            "--kyodo.mail.max-retry=400ms", "--kyodo.mail.poll-every=100ms");

    private static Socket holdPort() {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMessageQueuedWhileSmtpIsDownIsDeliveredOnceWhenItComesUp() throws Exception {
        Outbox outbox = app.context().getBean(Outbox.class);
        outbox.queue("first.planted-17@example.jp", "件名 1", "本文 1");
        // the server is down: the try fails, the message stays, waiting for its retry
        KyodoTestApp.eventually(() -> assertThat(outbox.failedTries()).isGreaterThanOrEqualTo(2));
        assertThat(outbox.pending()).isEqualTo(1);

        GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        HELD.close();
        smtp.start();
        try {
            KyodoTestApp.eventually(() -> assertThat(outbox.pending()).isZero());
            // a later message goes out after it: by then any second delivery of the first would have happened
            outbox.queue("second.planted-17@example.jp", "件名 2", "本文 2");
            KyodoTestApp.eventually(() -> assertThat(smtp.getReceivedMessages()).hasSize(2));
            assertThat(Arrays.stream(smtp.getReceivedMessages()).map(ResidentMailbox::recipient))
                    .containsExactly("first.planted-17@example.jp", "second.planted-17@example.jp");
            assertThat(ResidentMailbox.text(smtp.getReceivedMessages()[0]).strip()).isEqualTo("本文 1");
            assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("件名 1");
            assertThat(smtp.getReceivedMessages()[0].getFrom()[0].toString()).isEqualTo("kyodo@city.example.jp");

            // a sign-up on an English page: its code arrives in English, by SMTP, not as a file
            ConsoleSession resident = new ConsoleSession(() -> app.app().anonymousHttp(), null);
            resident.get("/resident/sign-up?lang=en").status(200);
            resident.post("/resident/sign-up", Map.of("email", "english.planted-17@example.jp",
                    "name", "Planted Resident", "password", "a-resident-password-1"))
                    .redirectsTo("/resident/confirm?sent=1");
            KyodoTestApp.eventually(() -> assertThat(smtp.getReceivedMessages()).hasSize(3));
            MimeMessage code = smtp.getReceivedMessages()[2];
            assertThat(code.getSubject()).isEqualTo("[kyodo] Your confirmation code");
            assertThat(ResidentMailbox.text(code)).contains("Dear Planted Resident", "Confirmation code: ");
            assertThat(ResidentMailbox.code(code)).hasSize(8);
            assertThat(ResidentMailbox.outbox(app.dataDir(), "english.planted-17@example.jp")).isEmpty();
        } finally {
            smtp.stop();
        }
    }
}
