package kyodo.query.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the read models live, {@code kyodo.mongodb.*}. The URI's default is derived from the
 * environment ({@code KYODO_MONGODB_URI}, {@code spring.data.mongodb.uri}) by
 * {@link QuerySideDefaults}.
 *
 * @param uri      a MongoDB connection string; empty: the embedded engine under readmodels in the data directory
 * @param database the database of the read models when the URI names none
 * @param embeddedCacheMb the embedded engine's page cache on the Java heap, MB (1–1024; its share of
 *                        {@code -Xmx}: docs/performance.md, "Issue 13: 10⁶ events")
 * @param embeddedCompress whether the embedded engine compresses the pages it writes; a replay
 *                         ({@code projections replay}, {@code bench replay}) sets false unless given, and the file
 *                         is then compressed once, by a copy when it closes (ADR 17)
 */
@ConfigurationProperties("kyodo.mongodb")
public record ReadStoreSettings(String uri, @DefaultValue("kyodo") String database,
                                @DefaultValue("32") int embeddedCacheMb,
                                @DefaultValue("true") boolean embeddedCompress) {

    public ReadStoreSettings {
        if (embeddedCacheMb < 1 || embeddedCacheMb > 1024) {
            throw new IllegalArgumentException("kyodo.mongodb.embedded-cache-mb must be 1 to 1024 (MB), not "
                    + embeddedCacheMb);
        }
    }

    /** Whether a MongoDB server was named (else the embedded engine holds the read models). */
    boolean external() {
        return uri != null && !uri.isBlank();
    }
}
