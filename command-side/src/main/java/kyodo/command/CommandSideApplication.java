package kyodo.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The command side's configuration root: aggregates and the command API, for the side's own tests. It is not a
 * way to run kyodo: the launcher in {@code ops} runs this side alone with the edge
 * ({@code --kyodo.side=command}), for a split deployment on Axon Server, or both sides in one JVM.
 */
@SpringBootApplication
public class CommandSideApplication {

    /**
     * Refuses to start: this side alone has no sign-in, roles or security headers (the edge lives in
     * {@code ops}), and would serve what it serves to anyone, or refuse everything. The same side
     * with the edge is {@code java -jar kyodo.jar --kyodo.side=command}.
     */
    public static void main(String[] args) {
        System.err.println("The command side does not run without its edge (sign-in, roles, ward scope). "
                + "Start it with: java -jar kyodo.jar --kyodo.side=command");
        System.exit(2);
    }
}
