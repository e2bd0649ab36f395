package kyodo.ops.startup;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code kyodo.startup.*}: how long a starting process waits for the stores it is configured with
 * (Axon Server, MongoDB, a JDBC database server) before it gives up ({@link AwaitStores}).
 *
 * @param retryFirstDelay  the wait before the second attempt to reach an unreachable store
 * @param retryMaxDelay    the longest wait between two attempts (each wait doubles up to this)
 * @param retryGiveUpAfter how long a process keeps trying before it exits with a failure status
 * @param connectTimeout   how long one attempt to open a connection to a store may take
 */
@ConfigurationProperties("kyodo.startup")
public record StartupSettings(@DefaultValue("1s") Duration retryFirstDelay,
                              @DefaultValue("30s") Duration retryMaxDelay,
                              @DefaultValue("5m") Duration retryGiveUpAfter,
                              @DefaultValue("2s") Duration connectTimeout) {

    /** The wait after one that lasted {@code previous}: doubled, at most {@link #retryMaxDelay}. */
    Duration next(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(retryMaxDelay) > 0 ? retryMaxDelay : doubled;
    }
}
