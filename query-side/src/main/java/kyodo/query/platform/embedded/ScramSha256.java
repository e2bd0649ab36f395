package kyodo.query.platform.embedded;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The server half of SCRAM-SHA-256 (RFC 5802 with RFC 7677), the mechanism MongoDB drivers speak
 * natively: the client proves it knows the password without sending it, and the server proves it
 * knows it too. One user; the keys are derived from the password at start with a salt of this
 * process, and only the stored key and server key are kept.
 * <p>
 * The password must be printable ASCII, which SASLprep leaves as it is, so the driver and this
 * class hash the same bytes. An unknown user goes through the same steps as a known one and fails
 * only at the proof, so the answers don't tell which part was wrong.
 */
final class ScramSha256 {

    static final String MECHANISM = "SCRAM-SHA-256";
    /** MongoDB's own default for SCRAM-SHA-256; drivers refuse fewer than 4096. */
    static final int ITERATIONS = 15_000;
    private static final int SALT_BYTES = 28;
    private static final int NONCE_BYTES = 24;
    /** Far above what a driver sends (a few dozen characters); a bound on what is parsed. */
    private static final int MAX_MESSAGE_BYTES = 1024;
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final byte[] user;
    private final String saltAndIterations;
    private final byte[] storedKey;
    private final byte[] serverKey;
    private final Supplier<String> serverNonces;

    /** A fresh random salt and random server nonces. */
    ScramSha256(String user, String password, SecureRandom random) {
        this(user, password, randomBytes(random, SALT_BYTES), ITERATIONS,
                () -> BASE64.encodeToString(randomBytes(random, NONCE_BYTES)));
    }

    /** Everything given, as the RFC's test vectors need. */
    ScramSha256(String user, String password, byte[] salt, int iterations, Supplier<String> serverNonces) {
        if (!password.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("the read-store password must be printable ASCII");
        }
        this.user = user.getBytes(StandardCharsets.UTF_8);
        this.saltAndIterations = ",s=" + BASE64.encodeToString(salt) + ",i=" + iterations;
        this.serverNonces = serverNonces;
        byte[] salted = pbkdf2(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        this.storedKey = sha256(clientKey);
        this.serverKey = hmac(salted, "Server Key");
        Arrays.fill(salted, (byte) 0);
        Arrays.fill(clientKey, (byte) 0);
    }

    /**
     * Answers a client-first-message ({@code n,,n=user,r=nonce}).
     *
     * @param userDatabase whether the client authenticates against the database the user lives in
     *                     ({@code admin}); if not, the conversation can only fail
     * @throws AuthenticationFailed if the message is not one this server accepts
     */
    Conversation start(byte[] clientFirst, boolean userDatabase) throws AuthenticationFailed {
        String message = text(clientFirst);
        String gs2Header;
        if (message.startsWith("n,,") || message.startsWith("y,,")) {
            gs2Header = message.substring(0, 3);
        } else {
            // channel binding ("p=") or an authorisation identity: neither is offered
            throw new AuthenticationFailed("unsupported GS2 header");
        }
        String bare = message.substring(3);
        String[] attributes = bare.split(",", -1);
        if (attributes.length < 2 || !attributes[0].startsWith("n=") || !attributes[1].startsWith("r=")) {
            throw new AuthenticationFailed("malformed client-first-message");
        }
        byte[] name = saslName(attributes[0].substring(2)).getBytes(StandardCharsets.UTF_8);
        String clientNonce = attributes[1].substring(2);
        if (clientNonce.isEmpty() || !clientNonce.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ',')) {
            throw new AuthenticationFailed("malformed client nonce");
        }
        boolean knownUser = MessageDigest.isEqual(name, user) & userDatabase;
        String nonce = clientNonce + serverNonces.get();
        String serverFirst = "r=" + nonce + saltAndIterations;
        return new Conversation(bare, serverFirst, "c=" + BASE64.encodeToString(gs2Header.getBytes(StandardCharsets.US_ASCII))
                + ",r=" + nonce, knownUser);
    }

    /** One authentication attempt: a server-first-message, then at most one verification. */
    final class Conversation {

        private final String clientFirstBare;
        private final String serverFirst;
        private final String expectedBindingAndNonce;
        private final boolean knownUser;
        private boolean used;

        private Conversation(String clientFirstBare, String serverFirst, String expectedBindingAndNonce,
                             boolean knownUser) {
            this.clientFirstBare = clientFirstBare;
            this.serverFirst = serverFirst;
            this.expectedBindingAndNonce = expectedBindingAndNonce;
            this.knownUser = knownUser;
        }

        byte[] serverFirst() {
            return serverFirst.getBytes(StandardCharsets.US_ASCII);
        }

        /**
         * Checks the client-final-message ({@code c=biws,r=nonce,p=proof}) and answers the
         * server-final-message ({@code v=signature}).
         *
         * @throws AuthenticationFailed on a wrong proof, nonce or channel binding, an unknown user, or a second call
         */
        byte[] finish(byte[] clientFinal) throws AuthenticationFailed {
            if (used) {
                throw new AuthenticationFailed("conversation already finished");
            }
            used = true;
            String message = text(clientFinal);
            int proofAt = message.lastIndexOf(",p=");
            if (proofAt < 0) {
                throw new AuthenticationFailed("no proof");
            }
            String withoutProof = message.substring(0, proofAt);
            // channel binding and nonce first; extensions, if any, may follow before the proof
            if (!(withoutProof.equals(expectedBindingAndNonce) || withoutProof.startsWith(expectedBindingAndNonce + ","))) {
                throw new AuthenticationFailed("channel binding or nonce differs");
            }
            byte[] proof;
            try {
                proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
            } catch (IllegalArgumentException e) {
                throw new AuthenticationFailed("proof is not base64");
            }
            String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            byte[] clientSignature = hmac(storedKey, authMessage);
            boolean valid = proof.length == clientSignature.length;
            if (valid) {
                byte[] clientKey = xor(proof, clientSignature);
                valid = MessageDigest.isEqual(sha256(clientKey), storedKey);
                Arrays.fill(clientKey, (byte) 0);
            }
            if (!(valid & knownUser)) {
                throw new AuthenticationFailed("wrong user or password");
            }
            return ("v=" + BASE64.encodeToString(hmac(serverKey, authMessage))).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Why a conversation failed; for the server's own log, never sent to the client. */
    static final class AuthenticationFailed extends Exception {

        AuthenticationFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    private static String text(byte[] message) throws AuthenticationFailed {
        if (message == null || message.length > MAX_MESSAGE_BYTES) {
            throw new AuthenticationFailed("missing or oversized SCRAM message");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(message)).toString();
        } catch (CharacterCodingException e) {
            throw new AuthenticationFailed("SCRAM message is not UTF-8");
        }
    }

    /** RFC 5802 saslname: ',' and '=' arrive as "=2C" and "=3D"; any other '=' is malformed. */
    private static String saslName(String encoded) throws AuthenticationFailed {
        StringBuilder name = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c != '=') {
                name.append(c);
            } else if (encoded.startsWith("=2C", i)) {
                name.append(',');
                i += 2;
            } else if (encoded.startsWith("=3D", i)) {
                name.append('=');
                i += 2;
            } else {
                throw new AuthenticationFailed("malformed user name");
            }
        }
        return name.toString();
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 17 runtime", e);
        }
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] result = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            result[i] = (byte) (a[i] ^ b[i]);
        }
        return result;
    }

    private static byte[] randomBytes(SecureRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
