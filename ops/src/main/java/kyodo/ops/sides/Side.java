package kyodo.ops.sides;

import kyodo.ops.KyodoApplication;
import org.springframework.boot.SpringApplication;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Which side of the platform a kyodo process runs, chosen on its command line with
 * {@code --kyodo.side=command|query} (default: both) before anything starts: the configuration
 * classes to load. Every choice carries the same edge (sign-in, roles, ward scope, security headers,
 * rate limits, {@code kyodo.ops.security}); a side apart needs Axon Server (and, for the query side,
 * the shared read-model store) to meet the other.
 */
public enum Side {

    /** The command side and the query side in one JVM: the default. */
    BOTH(KyodoApplication.class, "kyodo"),
    /** Aggregates and the command API, behind the edge. */
    COMMAND(CommandSideWithEdge.class, "kyodo-command"),
    /** Projections, the read API and the portal, behind the edge. */
    QUERY(QuerySideWithEdge.class, "kyodo-query");

    /** The command-line option that chooses the side. */
    public static final String OPTION = "--kyodo.side=";

    /** The Axon Server setting under which a process names itself to the server. */
    static final String COMPONENT_NAME = "axon.axonserver.component-name";

    private final Class<?> configuration;
    private final String componentName;

    Side(Class<?> configuration, String componentName) {
        this.configuration = configuration;
        this.componentName = componentName;
    }

    /** The configuration class that starts this side with the edge. */
    public Class<?> configuration() {
        return configuration;
    }

    /**
     * The application that starts this side. It names itself to Axon Server by its side (instead of
     * Axon's {@code application}), so that an operator tells the processes apart; a name set in the
     * configuration wins.
     */
    public SpringApplication application() {
        SpringApplication application = new SpringApplication(configuration);
        application.setDefaultProperties(Map.of(COMPONENT_NAME, componentName));
        return application;
    }

    /** The name this side's processes give themselves in Axon Server. */
    public String componentName() {
        return componentName;
    }

    /**
     * The side a command line asks for: the last {@code --kyodo.side=} wins, as with any Spring
     * setting; none means both.
     *
     * @throws IllegalArgumentException naming the values there are, for any other value
     */
    public static Side of(String... args) {
        String chosen = null;
        for (String arg : args) {
            if (arg.startsWith(OPTION)) {
                chosen = arg.substring(OPTION.length());
            }
        }
        if (chosen == null || chosen.equals("both")) {
            return BOTH;
        }
        return switch (chosen.toLowerCase(Locale.ROOT)) {
            case "command" -> COMMAND;
            case "query" -> QUERY;
            default -> throw new IllegalArgumentException("--kyodo.side must be one of "
                    + Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList()
                    + ", not '" + chosen + "'");
        };
    }
}
