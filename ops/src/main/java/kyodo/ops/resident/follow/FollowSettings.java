package kyodo.ops.resident.follow;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;

/**
 * {@code kyodo.follows.*}: what residents follow and the mail that tells them (issue 17).
 *
 * @param storeUrl    the JDBC URL of follows, preferences and notifications (unset: an embedded file under
 *                    {@code <data-dir>/follows})
 * @param publicUrl   the address residents reach kyodo at, for the links in their mail (pages, unsubscribe)
 * @param digestAt    the time of day (Asia/Tokyo) the daily digest goes out, with what happened the day before
 * @param digestCheck how often the digest's time is looked for
 */
@ConfigurationProperties("kyodo.follows")
public record FollowSettings(String storeUrl,
                             @DefaultValue("http://localhost:8080") URI publicUrl,
                             @DefaultValue("07:00") LocalTime digestAt,
                             @DefaultValue("1m") Duration digestCheck) {

    public FollowSettings {
        if (!"http".equals(publicUrl.getScheme()) && !"https".equals(publicUrl.getScheme())) {
            throw new IllegalStateException("kyodo.follows.public-url must be an http(s) address");
        }
        if (digestCheck.isNegative() || digestCheck.isZero()) {
            throw new IllegalStateException("kyodo.follows.digest-check must be positive");
        }
    }

    /** The public address without a trailing slash, to put paths after. */
    String base() {
        String url = publicUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
