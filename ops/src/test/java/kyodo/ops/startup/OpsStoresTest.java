package kyodo.ops.startup;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class OpsStoresTest {

    @Test
    void theEmbeddedStoresAreThoseWithoutAConfiguredUrl() {
        Path dir = Path.of("/srv/kyodo");
        MockEnvironment env = new MockEnvironment().withProperty("kyodo.data-dir", dir.toString())
                .withProperty("kyodo.follows.store-url", "jdbc:postgresql://db/kyodo");

        assertThat(OpsStores.embeddedUrls(env)).containsOnlyKeys("accounts", "outbox", "residents")
                .containsEntry("outbox", OpsStores.url(null, env, "mail/outbox"));
        assertThat(OpsStores.embeddedUrls(new MockEnvironment())).isEmpty();
    }
}
