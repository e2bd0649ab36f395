package kyodo.kernel;

import java.util.function.UnaryOperator;

/**
 * A run of the platform as an operator's command on its stores ({@code export}, {@code audit verify},
 * {@code projections replay}, {@code bench replay}): {@code kyodo.offline=true}, which those commands set
 * whatever the operator gives. Such a run tells nobody anything and acts on no deadline: the mail relay and
 * the daily digest do not start (a command run on a copy of a city's data directory would otherwise send
 * the residents' mail that waits in its outbox a second time), and neither does the deadline scheduler
 * (an overdue mark or a reservation's expiry is the server's to record when it runs again). What the
 * command side's policies and the projections do stays as the server would do it.
 */
public final class Offline {

    /** The setting: {@code true} in a command's run, unset (false) in the server's. */
    public static final String PROPERTY = "kyodo.offline";

    private Offline() {
    }

    /** Whether this run is an operator's command on the stores, from its settings ({@code env::getProperty}). */
    public static boolean of(UnaryOperator<String> settings) {
        return Boolean.parseBoolean(settings.apply(PROPERTY));
    }
}
