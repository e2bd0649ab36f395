package kyodo.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The query side's configuration root: projections and the read API, for the side's own tests. It is not a
 * way to run kyodo: the launcher in {@code ops} runs this side alone with the edge
 * ({@code --kyodo.side=query}), for a split deployment (Axon Server and MongoDB), or both sides in one JVM.
 */
@SpringBootApplication
public class QuerySideApplication {

    /**
     * Refuses to start: this side alone has no sign-in, roles or security headers (the edge lives in
     * {@code ops}), and would serve what it serves to anyone, or refuse everything. The same side
     * with the edge is {@code java -jar kyodo.jar --kyodo.side=query}.
     */
    public static void main(String[] args) {
        System.err.println("The query side does not run without its edge (sign-in, roles, ward scope). "
                + "Start it with: java -jar kyodo.jar --kyodo.side=query");
        System.exit(2);
    }
}
