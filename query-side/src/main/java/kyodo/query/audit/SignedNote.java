package kyodo.query.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * C2SP {@code signed-note}: a text ending in a newline, a blank line, then one line per signature,
 * {@code — <key name> base64(key ID ‖ signature)}. For Ed25519 (signature type 0x01) the key ID is the
 * first four bytes of {@code SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)} and the signature
 * covers the text; a key is published as the verifier key {@code <name>+<hex key ID>+base64(0x01 ‖ key)}.
 * Cosignature lines (type 0x04, c2sp.org/tlog-cosignature) use the same line form and are handled by
 * {@link Cosignature}.
 *
 * @param text       the signed text, ending in a newline
 * @param signatures the signature lines, in order
 */
public record SignedNote(String text, List<Line> signatures) {

    /** Signature type byte of plain Ed25519 note signatures. */
    public static final byte ED25519 = 0x01;
    private static final String DASH = "\u2014 ";
    private static final int X509_PREFIX = Ed25519PublicKeys.X509_PREFIX.length;

    /**
     * One signature line.
     *
     * @param keyName   the key's name
     * @param signature the decoded signature: 4-byte key ID, then the algorithm's bytes
     */
    public record Line(String keyName, byte[] signature) {

        /** The big-endian key ID the signature starts with. */
        public int keyId() {
            return ByteBuffer.wrap(signature, 0, 4).getInt();
        }

        /** The signature after the key ID. */
        public byte[] body() {
            return Arrays.copyOfRange(signature, 4, signature.length);
        }

        /**
         * Reads one signature line (without its newline).
         *
         * @throws IllegalArgumentException if it is not one
         */
        public static Line parse(String line) {
            int space = line.indexOf(' ', DASH.length());
            if (!line.startsWith(DASH) || space < 0) {
                throw new IllegalArgumentException("not a signature line: " + line);
            }
            byte[] signature = Base64.getDecoder().decode(line.substring(space + 1));
            if (signature.length < 5) {
                throw new IllegalArgumentException("signature too short: " + line);
            }
            return new Line(line.substring(DASH.length(), space), signature);
        }

        /** The line as the note writes it, with its newline. */
        public String render() {
            return DASH + keyName + " " + Base64.getEncoder().encodeToString(signature) + "\n";
        }
    }

    /** The whole note: text, blank line, signature lines. */
    public String render() {
        StringBuilder note = new StringBuilder(text).append('\n');
        signatures.forEach(line -> note.append(line.render()));
        return note.toString();
    }

    /** The same note with one more signature line. */
    public SignedNote with(Line line) {
        List<Line> lines = new ArrayList<>(signatures);
        lines.add(line);
        return new SignedNote(text, List.copyOf(lines));
    }

    /** Signs {@code text} (ending in a newline) with the key under {@code keyName}. */
    public static SignedNote sign(String text, String keyName, AuditSigningKey key) {
        checkText(text);
        checkName(keyName);
        byte[] signature = Base64.getDecoder().decode(key.sign(text.getBytes(StandardCharsets.UTF_8)));
        byte[] line = ByteBuffer.allocate(4 + signature.length).putInt(keyId(keyName, ED25519, raw(key.publicKey())))
                .put(signature).array();
        return new SignedNote(text, List.of(new Line(keyName, line)));
    }

    /**
     * Reads a note.
     *
     * @throws IllegalArgumentException if it is not a well-formed signed note
     */
    public static SignedNote parse(String note) {
        if (!note.endsWith("\n") || note.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
            throw new IllegalArgumentException("a signed note ends in a newline and has no other control characters");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("a signed note has a blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        List<Line> lines = new ArrayList<>();
        for (String line : note.substring(split + 2).split("\n")) {
            lines.add(Line.parse(line));
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a signed note has at least one signature");
        }
        return new SignedNote(text, List.copyOf(lines));
    }

    /** Whether a signature line of this verifier key is present and verifies the text. */
    public boolean verifiedBy(VerifierKey key) {
        Optional<Line> line = signatures.stream()
                .filter(l -> l.keyName().equals(key.name()) && l.keyId() == key.keyId()).findFirst();
        return line.isPresent() && AuditSigningKey.verify(key.publicKey(), text.getBytes(StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(line.get().body()));
    }

    /** {@code SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4]}, big-endian. */
    public static int keyId(String name, byte type, byte[] rawKey) {
        byte[] hash = Hashing.sha256(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', type}, rawKey);
        return ByteBuffer.wrap(hash, 0, 4).getInt();
    }

    /** The 32 bytes of an Ed25519 public key. */
    public static byte[] raw(PublicKey key) {
        byte[] x509 = key.getEncoded();
        return Arrays.copyOfRange(x509, X509_PREFIX, x509.length);
    }

    /** An Ed25519 public key from its 32 bytes. */
    public static PublicKey ed25519(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        return AuditSigningKey.publicKey(Ed25519PublicKeys.x509(raw));
    }

    /** Key names are non-empty, without spaces or '+'. */
    public static void checkName(String name) {
        if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || c == '+' || c < 0x20)) {
            throw new IllegalArgumentException("a key name is non-empty, without spaces or '+': " + name);
        }
    }

    private static void checkText(String text) {
        if (!text.endsWith("\n") || text.endsWith("\n\n") || text.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
            throw new IllegalArgumentException("a note's text ends in exactly one newline and has no control characters");
        }
    }

    /**
     * A verifier key, {@code <name>+<hex key ID>+base64(type ‖ key)}.
     *
     * @param name      the key's name
     * @param type      the signature type byte
     * @param keyId     the key ID
     * @param publicKey the Ed25519 key
     */
    public record VerifierKey(String name, byte type, int keyId, PublicKey publicKey) {

        /** The verifier key of an Ed25519 key for plain note signatures under {@code name}. */
        public static VerifierKey of(String name, byte type, PublicKey key) {
            return new VerifierKey(name, type, SignedNote.keyId(name, type, raw(key)), key);
        }

        /**
         * Reads a verifier key of an Ed25519 type (0x01, or 0x04 for cosignatures).
         *
         * @throws IllegalArgumentException if it is malformed or its key ID does not match
         */
        public static VerifierKey parse(String vkey) {
            String[] parts = vkey.strip().split("\\+", 3);
            if (parts.length != 3 || parts[0].isEmpty() || !parts[1].matches("[0-9a-f]{8}")) {
                throw new IllegalArgumentException("a verifier key reads name+keyid+base64key: " + vkey);
            }
            byte[] material = Base64.getDecoder().decode(parts[2]);
            if (material.length != 33 || material[0] != ED25519 && material[0] != Cosignature.TYPE) {
                throw new IllegalArgumentException("not an Ed25519 verifier key: " + vkey);
            }
            byte[] raw = Arrays.copyOfRange(material, 1, 33);
            VerifierKey key = of(parts[0], material[0], ed25519(raw));
            if (key.keyId() != Integer.parseUnsignedInt(parts[1], 16)) {
                throw new IllegalArgumentException("the key ID does not match the key: " + vkey);
            }
            return key;
        }

        /** The key as text. */
        public String render() {
            byte[] material = new byte[33];
            material[0] = type;
            System.arraycopy(raw(publicKey), 0, material, 1, 32);
            return name + "+" + String.format("%08x", keyId) + "+" + Base64.getEncoder().encodeToString(material);
        }
    }
}
