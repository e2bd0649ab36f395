package kyodo.kernel.personal;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A secret is made once and then read back; a stored value is never replaced; marks depend on the secret. */
class InstallationSecretsTest {

    private final JdbcDataSource dataSource = new JdbcDataSource();

    InstallationSecretsTest() {
        dataSource.setURL("jdbc:h2:mem:secrets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    private InstallationSecrets open() {
        return InstallationSecrets.open(dataSource, "test_secret", "secret", "the test's secrets");
    }

    @Test
    void aSecretIsGeneratedOnceAndReadBackAfterAReopen() {
        byte[] first = open().secret("one", new SecureRandom());

        assertThat(first).hasSize(32);
        assertThat(open().secret("one", new SecureRandom())).isEqualTo(first);
        assertThat(open().secret("two", new SecureRandom())).isNotEqualTo(first);
    }

    @Test
    void theFirstStoredValueStands() {
        InstallationSecrets secrets = open();
        assertThat(secrets.read("rebuilt")).isEmpty();

        secrets.insertOnce("rebuilt", "first");
        secrets.insertOnce("rebuilt", "second");

        assertThat(open().read("rebuilt")).contains("first");
    }

    @Test
    void aMarkIsTheSameForTheSameSecretAndValueOnly() {
        byte[] secret = open().secret("one", new SecureRandom());
        byte[] other = open().secret("two", new SecureRandom());

        assertThat(new KeyedMark(secret).of("hanako@example.jp")).hasSize(64)
                .isEqualTo(new KeyedMark(secret.clone()).of("hanako@example.jp"))
                .isNotEqualTo(new KeyedMark(secret).of("taro@example.jp"))
                .isNotEqualTo(new KeyedMark(other).of("hanako@example.jp"));
    }
}
