package kyodo.ops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's words after its verb, read the same way by every command: its own flags, as
 * {@code --flag value} or {@code --flag=value}, and, where the command starts the platform, the
 * platform's settings as {@code --name=value} (and Spring Boot's {@code --debug}, {@code --trace}).
 *
 * @param flags    the command's flags by name, the last one given winning
 * @param settings the platform settings, in order
 */
public record CommandLine(Map<String, String> flags, List<String> settings) {

    /** Where a password comes from when the command names no file. */
    private static final String PASSWORD_VARIABLE = "KYODO_PASSWORD";

    /**
     * Reads {@code args} from index {@code from}.
     *
     * @param flagNames        the command's flags
     * @param settingsAllowed  whether other {@code --name=value} words are platform settings (else refused)
     * @throws IllegalArgumentException naming the word that is neither, or the flag without a value
     */
    public static CommandLine read(List<String> args, int from, Collection<String> flagNames,
                                   boolean settingsAllowed) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> settings = new ArrayList<>();
        for (int i = from; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!flagNames.contains(name)) {
                if (!settingsAllowed) {
                    throw new IllegalArgumentException("unexpected " + arg);
                }
                if (!PlatformArgs.isSetting(arg)) {
                    throw new IllegalArgumentException("unexpected " + arg + " (settings are --name=value)");
                }
                settings.add(arg);
                continue;
            }
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                    : i + 1 < args.size() ? args.get(++i) : null;
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            flags.put(name, value);
        }
        return new CommandLine(Map.copyOf(flags), List.copyOf(settings));
    }

    /**
     * The password of the account a command signs in with: read from the file when one is named
     * ({@code --password-file}), else from {@code KYODO_PASSWORD}, never from the command line, where
     * other users of the machine could read it.
     */
    public static String password(Path file) {
        if (file != null) {
            try {
                return Files.readString(file).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --password-file " + file);
            }
        }
        String fromEnvironment = System.getenv(PASSWORD_VARIABLE);
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            throw new IllegalArgumentException("no password for --user: use --password-file or " + PASSWORD_VARIABLE);
        }
        return fromEnvironment;
    }
}
