package kyodo.ops.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a command answers a wrong command line, the same for every command: what was wrong, prefixed
 * with the command's name, then its usage, and exit status 2.
 *
 * @param command the command's name as the operator typed it, e.g. {@code export}
 * @param text    the command's usage text
 */
public record Usage(String command, String text) {

    /** The exit status of a wrong command line. */
    public static final int WRONG = 2;

    /** Says what was wrong and how to call the command; returns {@link #WRONG}. */
    public int refuse(PrintStream err, String problem) {
        err.println(command + ": " + problem);
        err.print(text);
        return WRONG;
    }

    /** The options the parser reads, or empty when it refused them (then refused as {@link #refuse} does). */
    public <T> Optional<T> parse(PrintStream err, Supplier<T> parser) {
        try {
            return Optional.of(parser.get());
        } catch (IllegalArgumentException e) {
            refuse(err, e.getMessage());
            return Optional.empty();
        }
    }
}
