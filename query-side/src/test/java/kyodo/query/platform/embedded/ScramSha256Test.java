package kyodo.query.platform.embedded;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScramSha256Test {

    /** RFC 7677 §3: user "user", password "pencil". */
    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String SALT = "W22ZaJ0SNY7soEsUEjb6gQ==";
    private static final String CLIENT_FINAL = "c=biws,r=" + CLIENT_NONCE + SERVER_NONCE
            + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";

    private final ScramSha256 rfcServer = new ScramSha256("user", "pencil", Base64.getDecoder().decode(SALT), 4096,
            () -> SERVER_NONCE);

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void answersTheRfc7677ExchangeWithItsServerMessages() throws Exception {
        ScramSha256.Conversation conversation = rfcServer.start(ascii("n,,n=user,r=" + CLIENT_NONCE), true);

        assertThat(text(conversation.serverFirst()))
                .isEqualTo("r=" + CLIENT_NONCE + SERVER_NONCE + ",s=" + SALT + ",i=4096");
        assertThat(text(conversation.finish(ascii(CLIENT_FINAL))))
                .isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void refusesAProofOfAnotherPassword() throws Exception {
        ScramSha256 otherPassword = new ScramSha256("user", "pencils", Base64.getDecoder().decode(SALT), 4096,
                () -> SERVER_NONCE);
        ScramSha256.Conversation conversation = otherPassword.start(ascii("n,,n=user,r=" + CLIENT_NONCE), true);

        assertThatThrownBy(() -> conversation.finish(ascii(CLIENT_FINAL)))
                .isInstanceOf(ScramSha256.AuthenticationFailed.class);
    }

    @Test
    void refusesTheRightProofForAnotherUserOrDatabase() throws Exception {
        ScramSha256 otherUser = new ScramSha256("kyodo", "pencil", Base64.getDecoder().decode(SALT), 4096,
                () -> SERVER_NONCE);
        ScramSha256.Conversation wrongUser = otherUser.start(ascii("n,,n=user,r=" + CLIENT_NONCE), true);
        ScramSha256.Conversation wrongDatabase = rfcServer.start(ascii("n,,n=user,r=" + CLIENT_NONCE), false);

        // both get a server-first-message like any other: the refusal comes only at the proof
        assertThat(text(wrongUser.serverFirst())).startsWith("r=" + CLIENT_NONCE + SERVER_NONCE + ",s=");
        assertThatThrownBy(() -> wrongUser.finish(ascii(CLIENT_FINAL)))
                .isInstanceOf(ScramSha256.AuthenticationFailed.class);
        assertThatThrownBy(() -> wrongDatabase.finish(ascii(CLIENT_FINAL)))
                .isInstanceOf(ScramSha256.AuthenticationFailed.class);
    }

    @Test
    void aConversationVerifiesOnlyOnce() throws Exception {
        ScramSha256.Conversation conversation = rfcServer.start(ascii("n,,n=user,r=" + CLIENT_NONCE), true);
        conversation.finish(ascii(CLIENT_FINAL));

        assertThatThrownBy(() -> conversation.finish(ascii(CLIENT_FINAL)))
                .isInstanceOf(ScramSha256.AuthenticationFailed.class);
    }

    @Test
    void refusesAnotherNonceOrChannelBindingEvenWithTheRightProofBytes() throws Exception {
        String proof = CLIENT_FINAL.substring(CLIENT_FINAL.indexOf(",p="));
        for (String changed : new String[] {
                "c=biws,r=" + CLIENT_NONCE + "x" + proof,
                "c=eSws,r=" + CLIENT_NONCE + SERVER_NONCE + proof,
                "r=" + CLIENT_NONCE + SERVER_NONCE + proof,
                "c=biws,r=" + CLIENT_NONCE + SERVER_NONCE,
                "c=biws,r=" + CLIENT_NONCE + SERVER_NONCE + ",p=not base64!",
                "c=biws,r=" + CLIENT_NONCE + SERVER_NONCE + ",p=AAAA"}) {
            ScramSha256.Conversation conversation = rfcServer.start(ascii("n,,n=user,r=" + CLIENT_NONCE), true);

            assertThatThrownBy(() -> conversation.finish(ascii(changed)))
                    .as(changed)
                    .isInstanceOf(ScramSha256.AuthenticationFailed.class);
        }
    }

    @Test
    void refusesClientFirstMessagesItDoesNotOffer() {
        for (String message : new String[] {
                "p=tls-unique,,n=user,r=" + CLIENT_NONCE,
                "n,a=admin,n=user,r=" + CLIENT_NONCE,
                "n,,m=ext,n=user,r=" + CLIENT_NONCE,
                "n,,n=us=er,r=" + CLIENT_NONCE,
                "n,,n=user,r=",
                "n,,n=user,r=a b",
                "n,,n=user",
                "n,,n=user,r=" + "x".repeat(2000)}) {
            assertThatThrownBy(() -> rfcServer.start(ascii(message), true))
                    .as(message)
                    .isInstanceOf(ScramSha256.AuthenticationFailed.class);
        }
        assertThatThrownBy(() -> rfcServer.start(new byte[] {'n', ',', ',', (byte) 0xC3}, true))
                .isInstanceOf(ScramSha256.AuthenticationFailed.class);
    }

    @Test
    void decodesEscapedCommasAndEqualsInTheUserName() throws Exception {
        ScramSha256 server = new ScramSha256("a,b=c", "pencil", Base64.getDecoder().decode(SALT), 4096,
                () -> SERVER_NONCE);
        ScramSha256 plain = new ScramSha256("a=2Cb=3Dc", "pencil", Base64.getDecoder().decode(SALT), 4096,
                () -> SERVER_NONCE);
        String clientFirstBare = "n=a=2Cb=3Dc,r=" + CLIENT_NONCE;
        String finalMessage = ScramClient.finalMessage("pencil", clientFirstBare,
                text(server.start(ascii("n,," + clientFirstBare), true).serverFirst()));

        assertThat(text(server.start(ascii("n,," + clientFirstBare), true).finish(ascii(finalMessage)))).startsWith("v=");
        assertThatThrownBy(() -> plain.start(ascii("n,," + clientFirstBare), true).finish(ascii(finalMessage)))
                .isInstanceOf(ScramSha256.AuthenticationFailed.class);
    }

    @Test
    void takesOnlyPrintableAsciiPasswords() {
        assertThatThrownBy(() -> new ScramSha256("user", "pen cil", new byte[16], 4096, () -> "n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
