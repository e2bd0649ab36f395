package kyodo.ops.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings a command starts the platform with: the operator's own ({@code --name=value}, the
 * same as the server's), plus the command's defaults where the operator set nothing, plus what the
 * command needs whatever was given.
 */
final class PlatformArgs {

    private final List<String> args;

    PlatformArgs(List<String> settings) {
        check(settings);
        this.args = new ArrayList<>(settings);
    }

    /** Refuses anything that is not {@code --name=value}. */
    static void check(List<String> settings) {
        for (String setting : settings) {
            if (!setting.startsWith("--") || !setting.contains("=")) {
                throw new IllegalArgumentException("settings are --name=value, not " + setting);
            }
        }
    }

    /** A default the operator may override. */
    PlatformArgs orElse(String name, String value) {
        if (args.stream().noneMatch(arg -> arg.startsWith(name + "="))) {
            args.add(name + "=" + value);
        }
        return this;
    }

    /** A setting the command needs, replacing the operator's. */
    PlatformArgs force(String name, String value) {
        args.removeIf(arg -> arg.startsWith(name + "="));
        args.add(name + "=" + value);
        return this;
    }

    String[] toArray() {
        return args.toArray(String[]::new);
    }

    List<String> asList() {
        return List.copyOf(args);
    }
}
