package kyodo.query;

import kyodo.query.audit.AuditSettings;
import kyodo.query.dashboard.DashboardSettings;
import kyodo.query.platform.ProjectionSettings;
import kyodo.query.platform.ReadStoreSettings;
import kyodo.query.platform.store.embedded.EmbeddedReadStore;
import kyodo.query.web.QuerySettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The query side's settings keep the names and defaults operators configured before they were typed. */
class QuerySideSettingsTest {

    @Test
    void withNothingSetEverySettingHasItsDefault() {
        Binder nothing = new Binder(new MapConfigurationPropertySource());
        assertThat(bind(nothing, AuditSettings.class)).isEqualTo(new AuditSettings("", "", Duration.ofSeconds(10),
                1000, Duration.ofDays(1), Duration.ofHours(1), "", "city.example", List.of(),
                new AuditSettings.Stream(Duration.ofSeconds(15), Duration.ofSeconds(1))));
        assertThat(bind(nothing, DashboardSettings.class)).isEqualTo(new DashboardSettings(Duration.ofSeconds(1),
                new DashboardSettings.Stream(Duration.ofSeconds(15))));
        assertThat(bind(nothing, ProjectionSettings.class)).isEqualTo(new ProjectionSettings(100, 1));
        assertThat(bind(nothing, ReadStoreSettings.class)).isEqualTo(new ReadStoreSettings(null, "kyodo",
                EmbeddedReadStore.CACHE_MB, true));
        assertThat(bind(nothing, QuerySettings.class)).isEqualTo(new QuerySettings(Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    @Test
    void everySettingIsReadUnderItsOperatorFacingName() {
        Binder set = new Binder(new MapConfigurationPropertySource(Map.ofEntries(
                Map.entry("kyodo.audit.signing-key", "/keys/audit"),
                Map.entry("kyodo.audit.previous-public-keys", "a,b"),
                Map.entry("kyodo.audit.checkpoint-max-delay", "3s"),
                Map.entry("kyodo.audit.checkpoint-every", "2"),
                Map.entry("kyodo.audit.checkpoint-max-age", "PT12H"),
                Map.entry("kyodo.audit.checkpoint-check-interval", "10m"),
                Map.entry("kyodo.audit.origin", "audit.city.example/log"),
                Map.entry("kyodo.audit.city-domain", "kawasaki.example"),
                Map.entry("kyodo.audit.witnesses[0].url", "https://witness.example/"),
                Map.entry("kyodo.audit.witnesses[0].key", "w+01020304+AAAA"),
                Map.entry("kyodo.audit.stream.heartbeat", "30s"),
                Map.entry("kyodo.audit.stream.poll-interval", "200ms"),
                Map.entry("kyodo.dashboard.poll-interval", "100ms"),
                Map.entry("kyodo.dashboard.stream.heartbeat", "5s"),
                Map.entry("kyodo.projections.batch-size", "1000"),
                Map.entry("kyodo.projections.segments", "4"),
                Map.entry("kyodo.mongodb.uri", "mongodb://mongo.example/kyodo"),
                Map.entry("kyodo.mongodb.database", "reads"),
                Map.entry("kyodo.mongodb.embedded-cache-mb", "16"),
                Map.entry("kyodo.mongodb.embedded-compress", "false"),
                Map.entry("kyodo.query.max-wait", "1s"),
                Map.entry("kyodo.query.page-max-wait", "45s"))));
        assertThat(bind(set, AuditSettings.class)).isEqualTo(new AuditSettings("/keys/audit", "a,b",
                Duration.ofSeconds(3), 2, Duration.ofHours(12), Duration.ofMinutes(10), "audit.city.example/log",
                "kawasaki.example", List.of(new AuditSettings.Witness("https://witness.example/", "w+01020304+AAAA")),
                new AuditSettings.Stream(Duration.ofSeconds(30), Duration.ofMillis(200))));
        assertThat(bind(set, DashboardSettings.class)).isEqualTo(new DashboardSettings(Duration.ofMillis(100),
                new DashboardSettings.Stream(Duration.ofSeconds(5))));
        assertThat(bind(set, ProjectionSettings.class)).isEqualTo(new ProjectionSettings(1000, 4));
        assertThat(bind(set, ReadStoreSettings.class))
                .isEqualTo(new ReadStoreSettings("mongodb://mongo.example/kyodo", "reads", 16, false));
        assertThat(bind(set, QuerySettings.class)).isEqualTo(new QuerySettings(Duration.ofSeconds(1), Duration.ofSeconds(45)));
    }

    @Test
    void anEmbeddedCacheOutsideItsBoundsIsRefusedNamingTheSetting() {
        for (String megabytes : List.of("0", "-1", "1025")) {
            Binder set = new Binder(new MapConfigurationPropertySource(Map.of("kyodo.mongodb.embedded-cache-mb",
                    megabytes)));
            assertThatThrownBy(() -> bind(set, ReadStoreSettings.class))
                    .rootCause().hasMessageContaining("kyodo.mongodb.embedded-cache-mb must be 1 to 1024");
        }
    }

    private static <T> T bind(Binder binder, Class<T> type) {
        String prefix = type.getAnnotation(ConfigurationProperties.class).value();
        return binder.bindOrCreate(prefix, type);
    }
}
