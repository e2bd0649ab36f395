package kyodo.ops.cli;

import kyodo.query.audit.AuditSigningKey;
import kyodo.query.audit.Cosignature;
import kyodo.query.audit.SignedNote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code audit check} and {@code witness} read their command lines, before anything runs. */
class AuditCliArgumentsTest {

    private static final String LOG_KEY = SignedNote.VerifierKey.of("kyodo.city.example/decisions",
            SignedNote.ED25519, AuditSigningKey.generate(new SecureRandom()).publicKey()).render();
    private static final String WITNESS_KEY = SignedNote.VerifierKey.of("audit.city.example/witness",
            Cosignature.TYPE, AuditSigningKey.generate(new SecureRandom()).publicKey()).render();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        return KyodoCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String refusal(String... args) {
        assertThat(run(args)).isEqualTo(Usage.WRONG);
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void auditCheckRefusesWhatItCannotCheck() {
        assertThat(refusal("audit", "check")).contains("audit check: give either --url or --receipt");
        assertThat(refusal("audit", "check", "--receipt", dir.resolve("r").toString()))
                .contains("--receipt needs --key");
        assertThat(refusal("audit", "check", "--url", "http://localhost:1", "--witness-key", WITNESS_KEY,
                "--min-witnesses", "2")).contains("--min-witnesses 2 needs as many --witness-key");
        assertThat(refusal("audit", "check", "--url", "http://localhost:1", "--witness-key", LOG_KEY))
                .contains("--witness-key must be a verifier key of type 0x04");
        assertThat(refusal("audit", "check", "--url", "http://localhost:1", "--max-checkpoint-age", "0s"))
                .contains("--max-checkpoint-age must be a positive duration");
        assertThat(refusal("audit", "check", "--receipt", dir.resolve("missing").toString(), "--key", LOG_KEY))
                .contains("cannot read --receipt");
    }

    @Test
    void aKeyIsGivenAsItselfOrAsTheFileItWasSavedIn() throws Exception {
        Path saved = Files.writeString(dir.resolve("vkey.txt"), LOG_KEY + "\n", StandardCharsets.UTF_8);
        Path other = Files.writeString(dir.resolve("other.txt"), "not a key\n", StandardCharsets.UTF_8);

        assertThat(AuditCheckCli.key("--key", saved.toString(), SignedNote.ED25519).render()).isEqualTo(LOG_KEY);
        assertThat(AuditCheckCli.key("--key", LOG_KEY, SignedNote.ED25519).render()).isEqualTo(LOG_KEY);
        assertThat(refusal("audit", "check", "--receipt", saved.toString(), "--key", other.toString()))
                .contains("--key: ");
        assertThat(refusal("audit", "check", "--receipt", saved.toString(), "--key", dir.resolve("none").toString()))
                .contains("--key: ");
    }

    @Test
    void theWitnessNeedsANameItsKeyTheLogsKeyAStateAndAPort() {
        assertThat(refusal("witness", "--key", "k")).contains("witness: --name is required");
        assertThat(refusal("witness", "--name", "w", "--key", "k", "--log-key", WITNESS_KEY, "--state", "s",
                "--port", "0")).contains("--log-key must be a verifier key of type 0x01");
        assertThat(refusal("witness", "--name", "w", "--key", "k", "--log-key", LOG_KEY, "--state", "s",
                "--port", "70000")).contains("--port must be a port number");

        WitnessCli.Configured witness = WitnessCli.witness(List.of("--name", "audit.city.example/witness", "--key",
                dir.resolve("witness-key").toString(), "--log-key", LOG_KEY, "--state", dir.resolve("state").toString(),
                "--port", "0"));

        assertThat(witness.address().getHostString()).isEqualTo("127.0.0.1");
        assertThat(dir.resolve("witness-key")).exists();
        assertThat(witness.witness().verifierKey().render()).startsWith("audit.city.example/witness+");
        assertThat(WitnessCli.witness(List.of("--name", "audit.city.example/witness", "--key",
                dir.resolve("witness-key").toString(), "--log-key", LOG_KEY, "--state", dir.resolve("state").toString(),
                "--port", "0")).witness().verifierKey()).as("the same key on restart")
                .isEqualTo(witness.witness().verifierKey());
    }
}
