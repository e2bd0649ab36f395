package kyodo.command.platform;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

/**
 * Tells Axon when an append failed on a unique key, so that a second creation of the same
 * aggregate (an Idempotency-Key retry) surfaces as {@code AggregateStreamCreationException} and a
 * lost race as {@code ConcurrencyException}. Axon's own resolver misses H2's batch failures,
 * whose unique violation sits behind {@code getNextException()}; SQLSTATE 23505 is the standard
 * code on H2 and PostgreSQL.
 */
final class DuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState())
                            || s instanceof SQLIntegrityConstraintViolationException) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
