package kyodo.command.platform;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Locale;

/**
 * Tells Axon when an append failed because the aggregate already has an event at that sequence
 * number, so that a second creation of the same aggregate (an Idempotency-Key retry) surfaces as
 * {@code AggregateStreamCreationException} and a lost race as {@code ConcurrencyException}. Axon's
 * own resolver misses H2's batch failures, whose unique violation sits behind
 * {@code getNextException()}; SQLSTATE 23505 is the standard code on H2 and PostgreSQL.
 * <p>
 * Only a violation of the (aggregate, sequence number) key counts: a collision on the global index
 * or the event id is a fault of the store, never "already created" (that answer would acknowledge a
 * creation that was not stored). Both H2 and PostgreSQL name the key's columns or constraint, which
 * hold {@code aggregateIdentifier}.
 */
final class DuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String AGGREGATE_KEY = "aggregateidentifier";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if ((UNIQUE_VIOLATION.equals(s.getSQLState()) || s instanceof SQLIntegrityConstraintViolationException)
                            && namesTheAggregateKey(s)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean namesTheAggregateKey(SQLException violation) {
        String message = violation.getMessage();
        if (message != null && message.toLowerCase(Locale.ROOT).contains(AGGREGATE_KEY)) {
            return true;
        }
        // PostgreSQL puts the constraint's name and the key in the server message's detail
        return violation.toString().toLowerCase(Locale.ROOT).contains(AGGREGATE_KEY);
    }
}
