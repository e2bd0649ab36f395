package kyodo.query.platform.embedded;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** The client side of SCRAM-SHA-256, written from RFC 5802 for tests that speak the wire protocol by hand. */
public final class ScramClient {

    private ScramClient() {
    }

    /** The client-final-message answering {@code serverFirst}. */
    public static String finalMessage(String password, String clientFirstBare, String serverFirst) throws Exception {
        Keys keys = keys(password, serverFirst);
        String withoutProof = "c=biws,r=" + attributes(serverFirst).get("r");
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] signature = hmac(keys.storedKey(), authMessage);
        byte[] proof = new byte[signature.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (keys.clientKey()[i] ^ signature[i]);
        }
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    /** The server-final-message a server that knows the password sends. */
    public static String serverFinal(String password, String clientFirstBare, String serverFirst, String clientFinal)
            throws Exception {
        Keys keys = keys(password, serverFirst);
        String withoutProof = clientFinal.substring(0, clientFinal.lastIndexOf(",p="));
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        return "v=" + Base64.getEncoder().encodeToString(hmac(keys.serverKey(), authMessage));
    }

    private record Keys(byte[] clientKey, byte[] storedKey, byte[] serverKey) {
    }

    private static Keys keys(String password, String serverFirst) throws Exception {
        Map<String, String> attributes = attributes(serverFirst);
        byte[] salt = Base64.getDecoder().decode(attributes.get("s"));
        int iterations = Integer.parseInt(attributes.get("i"));
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        return new Keys(clientKey, MessageDigest.getInstance("SHA-256").digest(clientKey), hmac(salted, "Server Key"));
    }

    private static Map<String, String> attributes(String message) {
        Map<String, String> attributes = new HashMap<>();
        for (String pair : message.split(",")) {
            attributes.put(pair.substring(0, 1), pair.substring(2));
        }
        return attributes;
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
