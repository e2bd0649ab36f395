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
        batch.setNextException(new SQLException("Unique index or primary key violation: \"PUBLIC.CONSTRAINT_INDEX_F "
                + "ON PUBLIC.DOMAINEVENTENTRY(AGGREGATEIDENTIFIER NULLS FIRST, SEQUENCENUMBER NULLS FIRST) "
                + "VALUES ( /* 3 */ 'p-1', 0 )\"", "23505"));
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(batch))).isTrue();
    }

    @Test
    void recognisesPostgresNamingTheAggregateKey() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("ERROR: duplicate key value violates unique "
                + "constraint \"domainevententry_aggregateidentifier_sequencenumber_key\"", "23505"))).isTrue();
    }

    @Test
    void aCollisionOnTheGlobalIndexOrTheEventIdIsAFaultNotAnEarlierCreation() {
        BatchUpdateException batch = new BatchUpdateException("batch failed", new int[0]);
        batch.setNextException(new SQLException("Unique index or primary key violation: \"PUBLIC.PRIMARY_KEY_8 "
                + "ON PUBLIC.DOMAINEVENTENTRY(GLOBALINDEX) VALUES ( /* 226 */ CAST(226 AS BIGINT) )\"", "23505"));
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(batch))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("duplicate key value violates unique "
                + "constraint \"domainevententry_eventidentifier_key\"", "23505"))).isFalse();
    }

    @Test
    void otherDatabaseFailuresAreNotDuplicates() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("disk full", "53100"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("x"))).isFalse();
    }
}
