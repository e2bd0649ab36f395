package kyodo.kernel.personal;

import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.kernel.personal.PersonKeyVault.KeyState;
import kyodo.kernel.proposal.Proposer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataProtectorTest {

    private static final Instant REGISTERED = Instant.parse("2025-06-01T01:00:00Z");
    private static final Instant ERASED = Instant.parse("2025-09-01T02:00:00Z");
    private static final Instant ERASED_AGAIN = Instant.parse("2025-10-01T03:00:00Z");
    private static final int GCM_TAG_BYTES = 16;

    private final Proposer hanako = new Proposer("川崎 花子", "hanako@example.jp");
    private final ObjectMapper mapper = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();

    private JdbcDataSource dataSource;
    private JdbcPersonKeyVault vault;
    private PersonalDataProtector protector;

    @BeforeEach
    void openVault() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:vault-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        vault = new JdbcPersonKeyVault(dataSource, PersonalDataProtector.keyGenerator(random));
        vault.createSchema();
        protector = new PersonalDataProtector(vault, mapper, random);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    @Test
    void aSubjectSealedWithItsIndexEntryHasBothOrNeither() {
        ContactIndex index = ContactIndex.open(dataSource, random);
        SealedPersonalData sealed = protector.sealForNewSubject("subject-1", hanako, REGISTERED,
                index.entry(IndexedSubject.proposer("subject-1", "p-1"), hanako.contact(), REGISTERED));
        assertThat(protector.open(sealed, Proposer.class)).contains(hanako);
        assertThat(index.find(" HANAKO@example.jp")).containsExactly(IndexedSubject.proposer("subject-1", "p-1"));

        // the key is stored, then the entry fails (the subject is already indexed): the key goes too
        index.record(IndexedSubject.proposer("subject-2", "p-2"), "taro@example.jp", REGISTERED);
        assertThatThrownBy(() -> protector.sealForNewSubject("subject-2", hanako, REGISTERED,
                index.entry(IndexedSubject.proposer("subject-2", "p-3"), hanako.contact(), REGISTERED)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(vault.state("subject-2")).isEqualTo(KeyState.UNKNOWN);
        assertThat(index.find(hanako.contact())).hasSize(1);

        // the key fails (the subject id was used): no entry
        assertThatThrownBy(() -> protector.sealForNewSubject("subject-1", hanako, REGISTERED,
                index.entry(IndexedSubject.proposer("subject-1", "p-4"), "jiro@example.jp", REGISTERED)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(index.find("jiro@example.jp")).isEmpty();
        assertThatThrownBy(() -> protector.sealForNewSubject("subject-5", hanako, REGISTERED,
                index.entry(IndexedSubject.proposer("subject-6", "p-5"), hanako.contact(), REGISTERED)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sealedDataOpensToTheSameProposer() {
        SealedPersonalData sealed = protector.sealForNewSubject("subject-1", hanako, REGISTERED);

        assertThat(protector.open(sealed, Proposer.class)).contains(hanako);
    }

    @Test
    void sealedDataNamesItsSubjectAndAlgorithmAndA96BitNonce() {
        SealedPersonalData sealed = protector.sealForNewSubject("subject-1", hanako, REGISTERED);

        assertThat(sealed.subjectId()).isEqualTo("subject-1");
        assertThat(sealed.algorithm()).isEqualTo("AES-256-GCM");
        assertThat(Base64.getDecoder().decode(sealed.nonce())).hasSize(12);
    }

    @Test
    void theCiphertextDoesNotContainTheNameOrContactInClear() {
        SealedPersonalData sealed = protector.sealForNewSubject("subject-1", hanako, REGISTERED);

        String ciphertext = asLatin1(Base64.getDecoder().decode(sealed.ciphertext()));

        assertThat(ciphertext).doesNotContain(asLatin1(hanako.name().getBytes(StandardCharsets.UTF_8)));
        assertThat(ciphertext).doesNotContain(asLatin1(hanako.contact().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sealingTheSameValueTwiceUnderTheSameKeyGivesDifferentCiphertexts() {
        // Both subjects get the same key, so only the nonce can make the encrypted bytes differ.
        PersonalDataProtector sameKey = protectorWithOneKeyForEveryone();

        SealedPersonalData first = sameKey.sealForNewSubject("subject-a", hanako, REGISTERED);
        SealedPersonalData second = sameKey.sealForNewSubject("subject-b", hanako, REGISTERED);

        assertThat(first.nonce()).isNotEqualTo(second.nonce());
        assertThat(withoutTag(first.ciphertext())).isNotEqualTo(withoutTag(second.ciphertext()));
    }

    @Test
    void aSubjectWithASealedValueHasAnActiveKey() {
        protector.sealForNewSubject("subject-1", hanako, REGISTERED);

        assertThat(vault.state("subject-1")).isEqualTo(KeyState.ACTIVE);
        assertThat(vault.findKey("subject-1")).hasValueSatisfying(key -> assertThat(key).hasSize(32));
    }

    @Test
    void sealedDataNoLongerOpensOnceTheKeyIsDestroyed() {
        SealedPersonalData sealed = protector.sealForNewSubject("subject-1", hanako, REGISTERED);

        assertThat(vault.destroy("subject-1", ERASED)).contains(ERASED);

        assertThat(protector.open(sealed, Proposer.class)).isEmpty();
        assertThat(vault.findKey("subject-1")).isEmpty();
        assertThat(vault.state("subject-1")).isEqualTo(KeyState.ERASED);
    }

    @Test
    void destroyingTwiceKeepsTheFirstErasureTime() {
        protector.sealForNewSubject("subject-1", hanako, REGISTERED);
        vault.destroy("subject-1", ERASED);

        assertThat(vault.destroy("subject-1", ERASED_AGAIN)).contains(ERASED);
        assertThat(vault.state("subject-1")).isEqualTo(KeyState.ERASED);
    }

    @Test
    void anUnknownSubjectIsUnknownAndCannotBeDestroyed() {
        assertThat(vault.state("nobody")).isEqualTo(KeyState.UNKNOWN);
        assertThat(vault.findKey("nobody")).isEmpty();

        assertThat(vault.destroy("nobody", ERASED)).isEmpty();
        assertThat(vault.state("nobody")).isEqualTo(KeyState.UNKNOWN);
    }

    @Test
    void sealedDataOfASubjectTheVaultNeverKnewIsAnErrorNotAnErasure() {
        SealedPersonalData sealed = protector.sealForNewSubject("subject-1", hanako, REGISTERED);
        SealedPersonalData foreign = new SealedPersonalData("never-registered", sealed.algorithm(), sealed.nonce(),
                sealed.ciphertext());

        assertThatThrownBy(() -> protector.open(foreign, Proposer.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never-registered");
    }

    @Test
    void aCiphertextMovedToAnotherSubjectDoesNotOpen() {
        // Same key for both subjects: only the subject id bound as associated data tells them apart.
        PersonalDataProtector sameKey = protectorWithOneKeyForEveryone();
        SealedPersonalData hanakosData = sameKey.sealForNewSubject("subject-a", hanako, REGISTERED);
        sameKey.sealForNewSubject("subject-b", new Proposer("幸 太郎", null), REGISTERED);

        SealedPersonalData moved = new SealedPersonalData("subject-b", hanakosData.algorithm(), hanakosData.nonce(),
                hanakosData.ciphertext());

        assertThatThrownBy(() -> sameKey.open(moved, Proposer.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sealed personal data of subject subject-b does not open with its key");
        assertThat(sameKey.open(hanakosData, Proposer.class)).contains(hanako);
    }

    @Test
    void aTamperedCiphertextDoesNotOpen() {
        SealedPersonalData sealed = protector.sealForNewSubject("subject-1", hanako, REGISTERED);
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[0] ^= 1;
        SealedPersonalData tampered = new SealedPersonalData(sealed.subjectId(), sealed.algorithm(), sealed.nonce(),
                Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> protector.open(tampered, Proposer.class))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnsupportedAlgorithmIsRefused() {
        SealedPersonalData sealed = protector.sealForNewSubject("subject-1", hanako, REGISTERED);
        SealedPersonalData other = new SealedPersonalData(sealed.subjectId(), "ROT13", sealed.nonce(),
                sealed.ciphertext());

        assertThatThrownBy(() -> protector.open(other, Proposer.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported personal-data algorithm: ROT13");
    }

    @Test
    void aKeyCannotBeCreatedTwiceForTheSameSubject() {
        vault.createKey("subject-1", REGISTERED);

        assertThatThrownBy(() -> vault.createKey("subject-1", REGISTERED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot store a key for a new data subject");
    }

    @Test
    void anErasedSubjectIdCannotBeReused() {
        protector.sealForNewSubject("subject-1", hanako, REGISTERED);
        vault.destroy("subject-1", ERASED);

        assertThatThrownBy(() -> protector.sealForNewSubject("subject-1", hanako, ERASED_AGAIN))
                .isInstanceOf(IllegalStateException.class);
        assertThat(vault.state("subject-1")).isEqualTo(KeyState.ERASED);
    }

    @Test
    void sealedDataSurvivesATripThroughJson() throws Exception {
        SealedPersonalData sealed = protector.sealForNewSubject("subject-1", hanako, REGISTERED);

        SealedPersonalData read = mapper.readValue(mapper.writeValueAsString(sealed), SealedPersonalData.class);

        assertThat(read).isEqualTo(sealed);
        assertThat(protector.open(read, Proposer.class)).contains(hanako);
    }

    @Test
    void sealedDataPrintsNeitherCiphertextNorNonce() {
        SealedPersonalData sealed = protector.sealForNewSubject("subject-1", hanako, REGISTERED);

        assertThat(sealed).hasToString("SealedPersonalData[subjectId=subject-1, algorithm=AES-256-GCM]");
        assertThat(sealed.toString()).doesNotContain(sealed.ciphertext()).doesNotContain(sealed.nonce());
    }

    @Test
    void aProposerPrintsNoPersonalData() {
        assertThat(hanako).hasToString("Proposer[personal data]");
        assertThat(hanako.toString()).doesNotContain("川崎 花子").doesNotContain("hanako@example.jp");
    }

    private PersonalDataProtector protectorWithOneKeyForEveryone() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        JdbcPersonKeyVault sharedKeyVault = new JdbcPersonKeyVault(dataSource, key::clone);
        return new PersonalDataProtector(sharedKeyVault, mapper, random);
    }

    /** One char per byte, so that a byte sequence is found exactly when its string is. */
    private static String asLatin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static byte[] withoutTag(String ciphertext) {
        byte[] bytes = Base64.getDecoder().decode(ciphertext);
        return Arrays.copyOf(bytes, bytes.length - GCM_TAG_BYTES);
    }
}
