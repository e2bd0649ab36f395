package kyodo.ops.cli;

import kyodo.kernel.Offline;
import kyodo.ops.KyodoApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The settings a command starts the platform with: the operator's own ({@code --name=value}, the
 * same as the server's), plus the command's defaults where the operator set nothing, plus what the
 * command needs whatever was given.
 */
public final class PlatformArgs {

    /** The name every command gives itself in Axon Server, unless its command line sets another. */
    public static final String CLI_NAME = "kyodo-cli";
    private static final String CLI_NAME_SETTING = "axon.axonserver.component-name";
    /** Spring Boot's command-line switches that take no value. */
    private static final List<String> SWITCHES = List.of("--debug", "--trace");

    private final List<String> args;

    public PlatformArgs(List<String> settings) {
        check(settings);
        this.args = new ArrayList<>(settings);
    }

    /**
     * The platform as a command that only works on the stores runs it: no web server, no demo load, no
     * mail and no deadline ({@link Offline}), quiet unless the operator asks for more.
     */
    public static PlatformArgs offline(List<String> settings) {
        return new PlatformArgs(settings)
                .force("--spring.main.web-application-type", "none")
                .force("--kyodo.demo.load", "false")
                .force("--" + Offline.PROPERTY, "true")
                .quiet("ERROR");
    }

    /** Refuses anything that is not a setting ({@link #isSetting}). */
    static void check(List<String> settings) {
        for (String setting : settings) {
            if (!isSetting(setting)) {
                throw new IllegalArgumentException("settings are --name=value, not " + setting);
            }
        }
    }

    /**
     * A platform setting as Spring Boot reads it from the command line: {@code --name=value}, or one of
     * its switches without a value, {@code --debug} (the auto-configuration report and DEBUG for
     * Spring Boot's own loggers) and {@code --trace}.
     */
    public static boolean isSetting(String word) {
        return word.startsWith("--") && word.indexOf('=') > 2 || SWITCHES.contains(word);
    }

    /** A default the operator may override. */
    public PlatformArgs orElse(String name, String value) {
        if (args.stream().noneMatch(arg -> arg.startsWith(name + "="))) {
            args.add(name + "=" + value);
        }
        return this;
    }

    /** A setting the command needs, replacing the operator's. */
    public PlatformArgs force(String name, String value) {
        args.removeIf(arg -> arg.startsWith(name + "="));
        args.add(name + "=" + value);
        return this;
    }

    /** No banner and only log lines from that level up, unless the operator set them. */
    public PlatformArgs quiet(String rootLogLevel) {
        return orElse("--spring.main.banner-mode", "off").orElse("--logging.level.root", rootLogLevel);
    }

    /**
     * Starts the platform with these settings, or says why it could not (null then: the command
     * exits with {@link Usage#WRONG}, the stores or settings being the operator's to fix).
     *
     * @param command the command's name for the message, e.g. {@code export}
     */
    public ConfigurableApplicationContext start(String command, PrintStream err) {
        // a tool names itself apart from the servers in Axon Server's dashboard, whatever a shared
        // settings file names the server it runs beside
        orElse("--" + CLI_NAME_SETTING, CLI_NAME);
        try {
            return KyodoApplication.start(toArray());
        } catch (RuntimeException e) {
            err.println(command + ": cannot start on these stores: " + e.getMessage());
            return null;
        }
    }

    /**
     * Starts the platform ({@link #start}), lets the command work on it, and closes it whatever the
     * work did.
     *
     * @param command the command's name for the message, e.g. {@code export}
     * @return the work's exit status, or {@link Usage#WRONG} when the platform could not start
     */
    public int run(String command, PrintStream err, ToIntFunction<ConfigurableApplicationContext> work) {
        ConfigurableApplicationContext context = start(command, err);
        if (context == null) {
            return Usage.WRONG;
        }
        try {
            return work.applyAsInt(context);
        } finally {
            context.close();
        }
    }

    String[] toArray() {
        return args.toArray(String[]::new);
    }
}
