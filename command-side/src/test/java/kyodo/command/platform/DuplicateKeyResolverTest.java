package kyodo.command.platform;

import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateKeyResolverTest {

    private final DuplicateKeyResolver resolver = new DuplicateKeyResolver();

    @Test
    void recognisesAUniqueViolationBehindABatchFailure() {
        BatchUpdateException batch = new BatchUpdateException("batch failed", new int[0]);
        batch.setNextException(new SQLException("Unique index or primary key violation", "23505"));
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(batch))).isTrue();
    }

    @Test
    void otherDatabaseFailuresAreNotDuplicates() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("disk full", "53100"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("x"))).isFalse();
    }
}
