package kyodo.query.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * kyodo's C2SP formats against values published outside kyodo: the signed-note specification's
 * example (c2sp.org/signed-note), the Go checksum database's note and tree tests
 * (golang.org/x/mod/sumdb/note/note_test.go TestSign, sumdb/tlog/note_test.go TestFormatTree), the
 * tile layout the tlog-tiles specification spells out, and the Certificate Transparency tree vectors.
 */
class C2spFormatsTest {

    private static final HexFormat HEX = HexFormat.of();

    /** c2sp.org/signed-note, "Example": this verifier key verifies this note. */
    private static final String SPEC_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    private static final String SPEC_NOTE = "This is an example message.\n\n\u2014 example.com/foo "
            + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    /** golang.org/x/mod/sumdb/note TestSign: the signer key, its verifier key, the text and the signed note. */
    private static final String GO_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String GO_SIGNED = GO_TEXT + "\n\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @Test
    void theSpecificationsExampleNoteVerifiesWithItsVerifierKeyAndNotOnceAltered() {
        SignedNote.VerifierKey key = SignedNote.VerifierKey.parse(SPEC_VKEY);
        SignedNote note = SignedNote.parse(SPEC_NOTE);

        assertThat(note.text()).isEqualTo("This is an example message.\n");
        assertThat(note.verifiedBy(key)).isTrue();
        assertThat(key.render()).isEqualTo(SPEC_VKEY);
        assertThat(SignedNote.parse(SPEC_NOTE.replace("example message", "example massage")).verifiedBy(key))
                .isFalse();
        assertThatThrownBy(() -> SignedNote.VerifierKey.parse(SPEC_VKEY.replace("530d903a", "530d903b")))
                .hasMessageContaining("key ID does not match");
    }

    @Test
    void signingTheGoChecksumDatabaseTestTextGivesItsPublishedNoteAndVerifierKey() {
        AuditSigningKey key = goKey();

        SignedNote signed = SignedNote.sign(GO_TEXT, "PeterNeumann", key);

        assertThat(signed.render()).isEqualTo(GO_SIGNED);
        assertThat(SignedNote.VerifierKey.of("PeterNeumann", SignedNote.ED25519, key.publicKey()).render())
                .isEqualTo(GO_VKEY);
        assertThat(SignedNote.parse(GO_SIGNED).verifiedBy(SignedNote.VerifierKey.parse(GO_VKEY))).isTrue();
    }

    @Test
    void theCheckpointTextIsTheOneTheGoChecksumDatabaseFormats() {
        byte[] helloWorld = MerkleTree.leafHash("hello world".getBytes(StandardCharsets.UTF_8));

        CheckpointNote note = new CheckpointNote("go.sum database tree", 123456789012L, helloWorld);

        assertThat(note.text())
                .isEqualTo("go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n");
        assertThat(CheckpointNote.parse(note.text() + "extension\n")).usingRecursiveComparison().isEqualTo(note);
    }

    @Test
    void aKyodoCheckpointIsASignedNoteUnderTheOriginThatItsVerifierKeyVerifies() {
        CheckpointNote checkpoint = new CheckpointNote("kyodo.city.example/decisions", 8,
                HEX.parseHex(MerkleTreeTest.CT_ROOTS.get(7)));

        SignedNote note = SignedNote.parse(checkpoint.sign(AuditFixtures.KEY).render());

        SignedNote.VerifierKey key = SignedNote.VerifierKey.of("kyodo.city.example/decisions", SignedNote.ED25519,
                AuditFixtures.KEY.publicKey());
        assertThat(note.verifiedBy(SignedNote.VerifierKey.parse(key.render()))).isTrue();
        assertThat(note.signatures()).singleElement().satisfies(line -> {
            assertThat(line.keyName()).isEqualTo("kyodo.city.example/decisions");
            assertThat(line.keyId()).isEqualTo(key.keyId());
            assertThat(line.body()).hasSize(64);
        });
        assertThat(note.text()).isEqualTo("kyodo.city.example/decisions\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7"
                + "/RgQyg=\n");
    }

    @Test
    void aCosignatureVerifiesOnlyForItsWitnessKeyAndCheckpoint() {
        String text = new CheckpointNote("kyodo.city.example/decisions", 8,
                HEX.parseHex(MerkleTreeTest.CT_ROOTS.get(7))).text();
        AuditSigningKey witness = goKey();
        SignedNote cosigned = CheckpointNote.parse(text).sign(AuditFixtures.KEY)
                .with(Cosignature.sign(text, 1_679_315_147L, "witness.example/w1", witness));
        SignedNote.VerifierKey witnessKey = SignedNote.VerifierKey.of("witness.example/w1", Cosignature.TYPE,
                witness.publicKey());

        assertThat(Cosignature.verifies(SignedNote.parse(cosigned.render()), witnessKey)).isTrue();
        assertThat(SignedNote.parse(cosigned.render()).verifiedBy(witnessKey)).as("not a plain signature").isFalse();
        SignedNote other = new SignedNote(text.replace("\n8\n", "\n9\n"), cosigned.signatures());
        assertThat(Cosignature.verifies(other, witnessKey)).isFalse();
    }

    @Test
    void tilePathsAndTheLayoutOfA70000EntryTreeAreTheSpecifications() {
        assertThat(new LogTiles.Tile(0, 1_234_067, 256).path()).isEqualTo("0/x001/x234/067");
        assertThat(LogTiles.parse("0/x001/x234/067")).contains(new LogTiles.Tile(0, 1_234_067, 256));
        assertThat(LogTiles.parse("entries/x001/000.p/5")).contains(new LogTiles.Tile(-1, 1000, 5));
        assertThat(new LogTiles.Tile(-1, 1000, 5).path()).isEqualTo("entries/x001/000.p/5");
        for (String bad : List.of("0/1234067", "0/x1/067", "0/067.p/256", "0/067.p/0", "0/067.p/05", "64/000",
                "01/000", "0/067/", "-1/000", "data/000")) {
            assertThat(LogTiles.parse(bad)).as(bad).isEmpty();
        }
        // "a tree of size 70,000 will be represented by 273 full level 0 tiles, one partial level 0 tile of
        // width 112, one full level 1 tile, one partial level 1 tile of width 17, and one partial level 2 tile
        // of width 1"
        long size = 70_000;
        assertThat(IntStream.range(0, 300).filter(n -> LogTiles.available(new LogTiles.Tile(0, n, 256), size)))
                .hasSize(273);
        assertThat(LogTiles.available(new LogTiles.Tile(0, 273, 112), size)).isTrue();
        assertThat(LogTiles.available(new LogTiles.Tile(0, 273, 113), size)).isFalse();
        assertThat(LogTiles.available(new LogTiles.Tile(1, 0, 256), size)).isTrue();
        assertThat(LogTiles.available(new LogTiles.Tile(1, 1, 17), size)).isTrue();
        assertThat(LogTiles.available(new LogTiles.Tile(1, 1, 18), size)).isFalse();
        assertThat(LogTiles.available(new LogTiles.Tile(2, 0, 1), size)).isTrue();
        assertThat(LogTiles.available(new LogTiles.Tile(2, 0, 2), size)).isFalse();
        assertThat(LogTiles.available(new LogTiles.Tile(3, 0, 1), size)).isFalse();
    }

    @Test
    void tilesOfTheCertificateTransparencyTreeRecomputeItsPublishedRoot() {
        List<byte[]> leaves = MerkleTreeTest.CT_LEAVES.stream().map(MerkleTree::leafHash).toList();

        byte[] tile = LogTiles.hashes(new LogTiles.Tile(0, 0, 8), leaves);

        List<byte[]> fromTile = IntStream.range(0, 8).mapToObj(i -> Arrays.copyOfRange(tile, 32 * i, 32 * i + 32))
                .toList();
        assertThat(HEX.formatHex(MerkleTree.root(fromTile))).isEqualTo(MerkleTreeTest.CT_ROOTS.get(7));
        byte[] bundle = LogTiles.bundle(MerkleTreeTest.CT_LEAVES);
        assertThat(HEX.formatHex(bundle)).startsWith("0000" + "0001" + "00" + "0001" + "10" + "0002" + "2021");
    }

    @Test
    void aLevelOneHashIsTheRootOfTheFullLevelZeroTileBelowIt() {
        List<byte[]> leaves = new ArrayList<>();
        IntStream.range(0, 600).forEach(i -> leaves.add(MerkleTree.leafHash(new byte[] {(byte) i, (byte) (i >> 8)})));

        byte[] level1 = LogTiles.hashes(new LogTiles.Tile(1, 0, 2), leaves);
        byte[] secondLevel0 = LogTiles.hashes(new LogTiles.Tile(0, 1, 256), leaves);

        List<byte[]> hashes = IntStream.range(0, 256)
                .mapToObj(i -> Arrays.copyOfRange(secondLevel0, 32 * i, 32 * i + 32)).toList();
        assertThat(Arrays.copyOfRange(level1, 32, 64)).isEqualTo(MerkleTree.root(hashes));
        assertThat(Arrays.copyOfRange(level1, 32, 64)).isEqualTo(MerkleTree.root(leaves.subList(256, 512)));
    }

    /** The Go test's signer key: 0x01 then the 32-byte Ed25519 seed, as PKCS#8. */
    private static AuditSigningKey goKey() {
        byte[] material = Base64.getDecoder().decode(GO_SKEY.split("\\+", 5)[4]);
        byte[] pkcs8 = HEX.parseHex("302e020100300506032b657004220420");
        byte[] der = Arrays.copyOf(pkcs8, pkcs8.length + 32);
        System.arraycopy(material, 1, der, pkcs8.length, 32);
        return AuditSigningKey.fromPkcs8(der);
    }
}
