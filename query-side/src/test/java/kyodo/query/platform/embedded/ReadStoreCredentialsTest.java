package kyodo.query.platform.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ReadStoreCredentialsTest {

    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("credentials");
    }

    private static String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void generatesA32BytePasswordIntoAnOwnerOnlyFileOnFirstStart() throws Exception {
        assumeTrue(ReadStoreCredentials.posix());

        ReadStoreCredentials credentials = ReadStoreCredentials.loadOrCreate(file(), new SecureRandom());

        assertThat(credentials.user()).isEqualTo("kyodo");
        assertThat(Base64.getUrlDecoder().decode(credentials.password())).hasSize(32);
        assertThat(permissions(file())).isEqualTo("rw-------");
        assertThat(Files.readAllLines(file())).contains("user=kyodo", "password=" + credentials.password());
        // no temporary file is left behind
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(file());
        }
    }

    @Test
    void reusesTheFileOnTheNextStart() {
        ReadStoreCredentials first = ReadStoreCredentials.loadOrCreate(file(), new SecureRandom());

        ReadStoreCredentials second = ReadStoreCredentials.loadOrCreate(file(), new SecureRandom());

        assertThat(second.password()).isEqualTo(first.password());
    }

    @Test
    void replacesAFileOthersCouldRead() throws Exception {
        assumeTrue(ReadStoreCredentials.posix());
        ReadStoreCredentials first = ReadStoreCredentials.loadOrCreate(file(), new SecureRandom());
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));

        ReadStoreCredentials second = ReadStoreCredentials.loadOrCreate(file(), new SecureRandom());

        assertThat(second.password()).isNotEqualTo(first.password());
        assertThat(permissions(file())).isEqualTo("rw-------");
    }

    @Test
    void replacesAGarbledFileOrALink() throws Exception {
        Files.writeString(file(), "user=kyodo\npassword=short\n");
        if (ReadStoreCredentials.posix()) {
            Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));
        }
        ReadStoreCredentials replacingGarbled = ReadStoreCredentials.loadOrCreate(file(), new SecureRandom());
        assertThat(replacingGarbled.password()).hasSize(43);

        Path elsewhere = Files.writeString(directory.resolve("elsewhere"),
                "user=kyodo\npassword=" + "A".repeat(43) + "\n");
        Files.delete(file());
        Files.createSymbolicLink(file(), elsewhere);

        ReadStoreCredentials replacingLink = ReadStoreCredentials.loadOrCreate(file(), new SecureRandom());

        assertThat(replacingLink.password()).isNotEqualTo("A".repeat(43));
        assertThat(Files.isSymbolicLink(file())).isFalse();
        assertThat(Files.readString(elsewhere)).contains("A".repeat(43));
    }

    @Test
    void neverShowsThePasswordInItsText() {
        ReadStoreCredentials credentials = ReadStoreCredentials.loadOrCreate(file(), new SecureRandom());

        assertThat(credentials.toString()).doesNotContain(credentials.password()).contains("kyodo");
    }
}
