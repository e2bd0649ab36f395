package kyodo.ops;

import kyodo.kernel.StoreInUse;
import kyodo.ops.cli.KyodoCli;
import kyodo.ops.sides.CommandSideWithEdge;
import kyodo.ops.sides.QuerySideWithEdge;
import kyodo.ops.sides.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * kyodo all-in-one: the command side and the query side in one JVM, the default way to run the
 * platform. With no configuration it runs on the embedded stores under {@code ./data}
 * ({@code KYODO_DATA_DIR} to move it). A command line that starts with a command word runs that
 * command instead ({@link KyodoCli}: {@code demo load}, {@code projections replay}, {@code audit …}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ConfigurationPropertiesScan("kyodo.ops")
@ComponentScan(basePackages = "kyodo", excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        // the sides' own launchers would scan and configure a second time
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class),
        // nor would the launchers of one side with the edge (Side)
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
                classes = {CommandSideWithEdge.class, QuerySideWithEdge.class})})
public class KyodoApplication {

    private static final Logger log = LoggerFactory.getLogger(KyodoApplication.class);

    /**
     * Starts the platform (no command, or {@code serve}, with settings), or runs a command
     * ({@code demo load}, {@code projections replay}, {@code audit verify}, {@code audit check --url …},
     * {@code help}) and exits with its status; a command line that is neither is refused (exit 2).
     */
    public static void main(String[] args) {
        if (KyodoCli.isCommand(args)) {
            System.exit(KyodoCli.run(System.out, System.err, args));
        }
        start(KyodoCli.serverSettings(args));
    }

    /**
     * Starts the platform, both sides or the one {@code --kyodo.side} names ({@link Side}), and logs
     * where its data lives and where it listens.
     */
    public static ConfigurableApplicationContext start(String... args) {
        // kyodo never calls home: set before any Axon class is loaded. Nor does it advertise AxonIQ
        // Console on every start (a twelve-line banner about a service kyodo does not use).
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        smallNativeFootprint();
        ConfigurableApplicationContext context = Side.of(args).application().run(args);
        log.info(StoreInUse.summary(context.getBeansOfType(StoreInUse.class).values()));
        if (context instanceof WebServerApplicationContext web) {
            log.info("kyodo is serving at http://localhost:{}/ (API docs: /swagger-ui.html)",
                    web.getWebServer().getPort());
        }
        return context;
    }

    /**
     * Native memory a small machine does not spare, unless the operator set otherwise (issue 13: at
     * 10⁶ events these took the RSS of a 256 MB heap from 559 to under 512 MB). Each thread that writes
     * a file from a heap buffer keeps a direct buffer as large as its largest write (the JDK's cache;
     * H2 writes chunks of megabytes from the command threads): at most 256 KB are kept. Netty keeps
     * one pool of direct memory per arena, two per core by default: one serves the web edge.
     * Both are read once, when their classes first load, after this.
     */
    static void smallNativeFootprint() {
        if (System.getProperty("jdk.nio.maxCachedBufferSize") == null) {
            System.setProperty("jdk.nio.maxCachedBufferSize", String.valueOf(256 * 1024));
        }
        if (System.getProperty("io.netty.allocator.numDirectArenas") == null) {
            System.setProperty("io.netty.allocator.numDirectArenas", "1");
        }
    }
}
