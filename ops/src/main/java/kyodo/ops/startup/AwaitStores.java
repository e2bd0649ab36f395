package kyodo.ops.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Before anything of kyodo is built, waits until every store on the network it is configured with
 * answers (issue 18): Axon Server, the MongoDB of the read models, the database servers of the events,
 * keys and accounts. Without it, an unreachable store surfaced as pages of stack traces from whichever
 * bean touched it first, and Axon's connector retried on its own schedule. Now each unreachable store
 * gets one line that names it, its address, the setting and the fix; the process tries again with a
 * growing wait ({@link StartupSettings}) and, at the end, fails with {@link StoreUnreachable}, which
 * {@link StoreUnreachableAnalysis} reports without a stack trace (exit status 1).
 *
 * <p>It only checks that a connection opens: a wrong password or a missing database is the driver's to
 * report, in its own words, once the store answers.
 */
public class AwaitStores implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(AwaitStores.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment env = event.getEnvironment();
        StartupSettings settings = Binder.get(env).bindOrCreate("kyodo.startup", StartupSettings.class);
        await(addresses(env), settings);
    }

    /** After the logging system and the environment post-processors (the settings file, the sides' defaults). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The network addresses of the stores this process will use, as its settings name them. */
    static List<StoreAddress> addresses(Environment env) {
        List<StoreAddress> addresses = new ArrayList<>();
        boolean axonServer = !"false".equalsIgnoreCase(env.getProperty("axon.axonserver.enabled"));
        if (axonServer) {
            addresses.addAll(StoreAddress.ofAxonServer("axon.axonserver.servers",
                    env.getProperty("axon.axonserver.servers")));
        }
        addresses.addAll(StoreAddress.ofJdbc("spring.datasource.url", axonServer
                ? "the Idempotency-Keys and deadlines" : "the events, Idempotency-Keys and deadlines",
                env.getProperty("spring.datasource.url")));
        addresses.addAll(StoreAddress.ofJdbc("kyodo.vault.url", "the personal-data keys",
                env.getProperty("kyodo.vault.url")));
        addresses.addAll(StoreAddress.ofJdbc("kyodo.security.accounts-url", "the staff accounts",
                env.getProperty("kyodo.security.accounts-url")));
        if (!"command".equalsIgnoreCase(env.getProperty("kyodo.side"))) {
            // the command side alone keeps no read model
            addresses.addAll(StoreAddress.ofMongo("kyodo.mongodb.uri", env.getProperty("kyodo.mongodb.uri")));
        }
        return addresses;
    }

    /**
     * Returns once every address accepts a connection; tries again after a growing wait while one
     * does not, for up to {@link StartupSettings#retryGiveUpAfter()}.
     *
     * @throws StoreUnreachable naming the stores that never answered
     */
    static void await(List<StoreAddress> addresses, StartupSettings settings) {
        Set<StoreAddress> waitingFor = new LinkedHashSet<>(addresses);
        Set<StoreAddress> reported = new LinkedHashSet<>();
        long giveUpAt = System.nanoTime() + settings.retryGiveUpAfter().toNanos();
        Duration wait = settings.retryFirstDelay();
        while (true) {
            Map<StoreAddress, String> down = new LinkedHashMap<>();
            for (StoreAddress address : waitingFor) {
                String failure = connect(address, settings.connectTimeout());
                if (failure != null) {
                    down.put(address, failure);
                }
            }
            waitingFor.retainAll(down.keySet());
            if (down.isEmpty()) {
                if (!reported.isEmpty()) {
                    log.info("every store answers now; starting");
                }
                return;
            }
            down.forEach((address, failure) -> {
                if (reported.add(address)) {
                    log.warn("{}: trying again for up to {}", StoreUnreachable.line(address, failure),
                            readable(settings.retryGiveUpAfter()));
                }
            });
            long left = giveUpAt - System.nanoTime();
            if (left <= 0) {
                throw new StoreUnreachable(down, settings.retryGiveUpAfter());
            }
            Duration pause = wait.toNanos() < left ? wait : Duration.ofNanos(left);
            log.info("{} not reachable yet; next attempt in {}", down.keySet().stream()
                    .map(a -> a.engine() + " at " + a.address()).collect(Collectors.joining(", ")), readable(pause));
            try {
                Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnreachable(down, settings.retryGiveUpAfter());
            }
            wait = settings.next(wait);
        }
    }

    /** {@code 100ms}, {@code 1.5s}, {@code 5m}: as an operator writes it in the settings. */
    static String readable(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return java.math.BigDecimal.valueOf(millis, 3).setScale(1, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + "s";
    }

    /** Opens and closes one TCP connection: null when it opened, else why not, in a few words. */
    static String connect(StoreAddress address, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), (int) timeout.toMillis());
            return null;
        } catch (UnknownHostException e) {
            return "unknown host " + address.host();
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
