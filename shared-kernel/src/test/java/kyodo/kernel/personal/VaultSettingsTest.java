package kyodo.kernel.personal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VaultSettingsTest {

    @Test
    void theUserIsKyodoWithAnEmptyPasswordUnlessSet() {
        assertThat(new VaultSettings("jdbc:h2:mem:keys", null, null, null))
                .isEqualTo(new VaultSettings("jdbc:h2:mem:keys", "kyodo", "", null));
        assertThat(new VaultSettings("jdbc:h2:mem:keys", "vault", "secret", 4).username()).isEqualTo("vault");
    }

    @Test
    void aVaultNeedsAUrlAndAtLeastOneConnection() {
        assertThatThrownBy(() -> new VaultSettings(" ", null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kyodo.vault.url");
        assertThatThrownBy(() -> new VaultSettings("jdbc:h2:mem:keys", null, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kyodo.vault.pool-size");
    }
}
