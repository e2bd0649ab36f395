package kyodo.query.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditSigningKeyTest {

    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dataDir;

    /** RFC 8032 §7.1, TEST 1. */
    @Test
    void thePublicKeyIsComputedAsRfc8032Specifies() {
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

        assertThat(HEX.formatHex(Ed25519PublicKeys.derive(seed)))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    }

    @Test
    void theComputedPublicKeyIsTheOneTheJdkGeneratesWithThePrivateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        for (int i = 0; i < 20; i++) {
            KeyPair pair = generator.generateKeyPair();
            byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();

            assertThat(Ed25519PublicKeys.x509(Ed25519PublicKeys.derive(seed))).isEqualTo(pair.getPublic().getEncoded());
        }
    }

    @Test
    void aSignatureVerifiesOnlyForItsStatementAndKey() {
        AuditSigningKey key = AuditSigningKey.generate(new SecureRandom());
        AuditSigningKey other = AuditSigningKey.generate(new SecureRandom());
        byte[] statement = Checkpoint.statement(3, "ab".repeat(32), "2025-07-01T00:00:00.000Z")
                .getBytes(StandardCharsets.UTF_8);

        String signature = key.sign(statement);

        assertThat(Base64.getDecoder().decode(signature)).hasSize(64);
        assertThat(AuditSigningKey.verify(key.publicKey(), statement, signature)).isTrue();
        byte[] altered = statement.clone();
        altered[statement.length - 1] ^= 1;
        assertThat(AuditSigningKey.verify(key.publicKey(), altered, signature)).isFalse();
        assertThat(AuditSigningKey.verify(other.publicKey(), statement, signature)).isFalse();
        assertThat(AuditSigningKey.verify(key.publicKey(), statement, "not base64!")).isFalse();
        assertThat(AuditSigningKey.verify(key.publicKey(), statement, Base64.getEncoder().encodeToString(new byte[64])))
                .isFalse();
    }

    @Test
    void theKeyIdIsTheFirstSixteenBytesOfTheSha256OfTheX509Encoding() throws Exception {
        AuditSigningKey key = AuditSigningKey.generate(new SecureRandom());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.publicKey().getEncoded());

        assertThat(key.keyId()).isEqualTo(HEX.formatHex(Arrays.copyOf(digest, 16))).hasSize(32);
        assertThat(key.publicKeyBase64()).isEqualTo(Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
    }

    @Test
    void theEmbeddedKeyIsCreatedOnceUnderTheDataDirectoryAndReloaded() throws Exception {
        AuditSigningKey first = AuditSigningKey.load("", dataDir);
        Path file = dataDir.resolve("audit/signing-key");

        AuditSigningKey again = AuditSigningKey.load(null, dataDir);

        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(Files.readString(file).strip()).isNotEmpty();
        assertThat(Files.readString(dataDir.resolve("audit/signing-key.pub")).strip())
                .isEqualTo(first.publicKeyBase64());
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
        try (var listing = Files.list(dataDir.resolve("audit"))) {
            assertThat(listing.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("signing-key", "signing-key.pub");
        }
    }

    @Test
    void aKeyFileNamedWithoutADirectoryIsMadeInTheWorkingDirectory() throws Exception {
        Path bare = Path.of("kyodo-test-key-" + System.nanoTime());
        Path pub = Path.of(bare + ".pub");
        try {
            AuditSigningKey made = AuditSigningKey.loadOrCreate(bare);

            assertThat(AuditSigningKey.loadOrCreate(bare.toAbsolutePath()).keyId()).isEqualTo(made.keyId());
            assertThat(Files.readString(pub).strip()).isEqualTo(made.publicKeyBase64());
        } finally {
            Files.deleteIfExists(bare);
            Files.deleteIfExists(pub);
        }
    }

    @Test
    void aConfiguredKeyIsReadFromBase64OrFromAFileInBase64PemOrDer() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] der = pair.getPrivate().getEncoded();
        String base64 = Base64.getEncoder().encodeToString(der);
        String expectedKeyId = AuditSigningKey.keyId(pair.getPublic().getEncoded());
        Path pem = Files.writeString(dataDir.resolve("key.pem"),
                "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n");
        Path raw = Files.write(dataDir.resolve("key.der"), der);

        for (String configured : List.of(base64, pem.toString(), raw.toString())) {
            assertThat(AuditSigningKey.load(configured, dataDir).keyId()).as(configured).isEqualTo(expectedKeyId);
        }
        assertThat(Files.exists(dataDir.resolve("audit"))).as("no embedded key when one is configured").isFalse();
    }

    @Test
    void aConfiguredValueThatIsNoKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> AuditSigningKey.load("not-a-key", dataDir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kyodo.audit.signing-key");
        assertThatThrownBy(() -> AuditSigningKey.load(Base64.getEncoder().encodeToString(new byte[48]), dataDir))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theKeyRingVerifiesCheckpointsOfTheCurrentAndOfConfiguredPreviousKeysOnly() {
        AuditSigningKey current = AuditSigningKey.generate(new SecureRandom());
        AuditSigningKey previous = AuditSigningKey.generate(new SecureRandom());
        AuditSigningKey stranger = AuditSigningKey.generate(new SecureRandom());
        AuditKeyRing ring = new AuditKeyRing(current, List.of(previous.publicKeyBase64(), " "));

        assertThat(ring.verify(signed(current, 3))).isTrue();
        assertThat(ring.verify(signed(previous, 3))).isTrue();
        assertThat(ring.verify(signed(stranger, 3))).isFalse();
        Checkpoint genuine = signed(current, 3);
        assertThat(ring.verify(new Checkpoint(4, genuine.rootHash(), genuine.issuedAt(), genuine.signature(),
                genuine.keyId()))).isFalse();
        assertThat(ring.published()).extracting(AuditKeyRing.PublishedKey::keyId)
                .containsExactly(current.keyId(), previous.keyId());
        assertThat(ring.published()).extracting(AuditKeyRing.PublishedKey::current).containsExactly(true, false);
    }

    @Test
    void theCheckpointStatementIsFourLinesWithoutATrailingNewline() {
        assertThat(Checkpoint.statement(1000, "ab".repeat(32), "2025-07-01T00:00:00.000Z"))
                .isEqualTo("kyodo-checkpoint\n1000\n" + "ab".repeat(32) + "\n2025-07-01T00:00:00.000Z");
    }

    private static Checkpoint signed(AuditSigningKey key, long treeSize) {
        Checkpoint unsigned = new Checkpoint(treeSize, "cd".repeat(32), "2025-07-01T00:00:00.000Z", null, key.keyId());
        return new Checkpoint(treeSize, unsigned.rootHash(), unsigned.issuedAt(), key.sign(unsigned.statementBytes()),
                key.keyId());
    }
}
