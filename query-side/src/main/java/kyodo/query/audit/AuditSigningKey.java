package kyodo.query.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The Ed25519 key that signs checkpoints, with its public half and key id (hex of the first 16
 * bytes of SHA-256 over the public key's X.509 encoding).
 * <p>
 * Where it comes from ({@link #load}): {@code kyodo.audit.signing-key}, either a base64 PKCS#8
 * private key or the path of a file holding one (base64, PEM or DER); otherwise the embedded
 * default, generated on first start and kept under {@code <data-dir>/audit/signing-key} (base64
 * PKCS#8, owner-only where the file system allows) with the public key next to it in
 * {@code signing-key.pub}. The public key is always computed from the private one, so a
 * mismatched pair cannot be configured.
 */
public final class AuditSigningKey {

    /** The only algorithm kyodo signs with. */
    public static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private AuditSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId(publicKey.getEncoded());
        byte[] probe = "kyodo-key-check".getBytes(StandardCharsets.US_ASCII);
        if (!verify(publicKey, probe, sign(probe))) {
            throw new IllegalStateException("the public key does not match the signing key");
        }
    }

    /** A fresh key. */
    public static AuditSigningKey generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(255, random);
            KeyPair pair = generator.generateKeyPair();
            return new AuditSigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** The key a DER-encoded PKCS#8 Ed25519 private key holds; its public key is computed from it. */
    public static AuditSigningKey fromPkcs8(byte[] der) {
        try {
            PrivateKey key = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] seed = ((EdECPrivateKey) key).getBytes()
                    .orElseThrow(() -> new IllegalArgumentException("the PKCS#8 key carries no private bytes"));
            return new AuditSigningKey(key, publicKey(Ed25519PublicKeys.x509(Ed25519PublicKeys.derive(seed))));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an Ed25519 private key in PKCS#8: " + e.getMessage(), e);
        }
    }

    /**
     * The configured key, or the embedded default under the data directory (created on first use).
     *
     * @param configured {@code kyodo.audit.signing-key}: blank, a base64 PKCS#8 key, or a file path
     * @param dataDir    {@code kyodo.data-dir}
     */
    public static AuditSigningKey load(String configured, Path dataDir) {
        if (configured == null || configured.isBlank()) {
            return embedded(embeddedFile(dataDir));
        }
        Path file = asExistingFile(configured.strip());
        if (file != null) {
            return fromPkcs8(decodeKeyFile(read(file)));
        }
        try {
            return fromPkcs8(Base64.getMimeDecoder().decode(configured.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kyodo.audit.signing-key is neither an existing file nor a base64 "
                    + "PKCS#8 Ed25519 key", e);
        }
    }

    /** Where the embedded default key is kept: {@code <data-dir>/audit/signing-key}. */
    public static Path embeddedFile(Path dataDir) {
        return dataDir.resolve("audit").resolve("signing-key");
    }

    /** The key in that file (base64, PEM or DER PKCS#8), or a fresh one written there (owner-only) with {@code .pub}. */
    public static AuditSigningKey loadOrCreate(Path file) {
        return embedded(file);
    }

    private static AuditSigningKey embedded(Path given) {
        Path file = given.toAbsolutePath(); // a bare file name (witness --key witness.key) has no parent
        if (Files.exists(file)) {
            return fromPkcs8(decodeKeyFile(read(file)));
        }
        AuditSigningKey key = generate(new SecureRandom());
        try {
            Files.createDirectories(file.getParent());
            Base64.Encoder base64 = Base64.getEncoder();
            writeAtomically(file, base64.encodeToString(key.privateKey.getEncoded()) + "\n", true);
            writeAtomically(file.resolveSibling(file.getFileName() + ".pub"),
                    base64.encodeToString(key.publicKey.getEncoded()) + "\n", false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the audit signing key at " + file, e);
        }
        return key;
    }

    private static void writeAtomically(Path file, String content, boolean secret) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path asExistingFile(String value) {
        try {
            Path path = Path.of(value);
            return Files.isRegularFile(path) ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit signing key " + file, e);
        }
    }

    /** Base64 text (PEM armour allowed) or raw DER. */
    private static byte[] decodeKeyFile(byte[] content) {
        String text = new String(content, StandardCharsets.US_ASCII);
        if (text.chars().allMatch(c -> c < 128)) {
            String body = text.lines().filter(line -> !line.startsWith("-----")).reduce("", String::concat).strip();
            try {
                return Base64.getMimeDecoder().decode(body);
            } catch (IllegalArgumentException notBase64) {
                return content;
            }
        }
        return content;
    }

    /** Signs the statement; the signature in base64. */
    public String sign(byte[] statement) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(statement);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the audit key", e);
        }
    }

    /** Whether {@code signature} (base64) is the key's Ed25519 signature of {@code statement}. */
    public static boolean verify(PublicKey key, byte[] statement, String signature) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(statement);
            return verifier.verify(raw);
        } catch (InvalidKeyException | SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** An Ed25519 public key from its X.509 encoding. */
    public static PublicKey publicKey(byte[] x509) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in X.509: " + e.getMessage(), e);
        }
    }

    /** Hex of the first 16 bytes of SHA-256 over the public key's X.509 encoding. */
    public static String keyId(byte[] x509) {
        return Hashing.hex(Arrays.copyOf(Hashing.sha256(x509), 16));
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The public key's X.509 encoding in base64, as {@code /public/audit/keys} serves it. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    @Override
    public String toString() {
        return "AuditSigningKey[" + ALGORITHM + ", keyId=" + keyId + "]";
    }
}
