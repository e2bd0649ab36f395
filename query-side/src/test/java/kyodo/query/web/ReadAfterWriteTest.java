package kyodo.query.web;

import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadAfterWriteTest {

    /** A read-model row: just an id and the aggregate version it reflects. */
    record Row(String id, long version) {
    }

    private final ReadAfterWrite readAfterWrite = new ReadAfterWrite(
            new QuerySettings(Duration.ofSeconds(60), Duration.ofSeconds(60)));
    private final AtomicInteger lookups = new AtomicInteger();
    private Thread projector;

    @AfterEach
    void stopProjector() throws InterruptedException {
        if (projector != null) {
            projector.interrupt();
            projector.join(5_000);
        }
    }

    @Test
    void withoutMinVersionAnswersWhatTheLookupFindsAtOnce() {
        Optional<Row> found = readAfterWrite.read(counting(() -> Optional.of(new Row("p-1", 3L))), Row::version, null)
                .block();

        assertThat(found).contains(new Row("p-1", 3L));
        assertThat(lookups).hasValue(1);
    }

    @Test
    void withoutMinVersionAnswersEmptyForAnUnknownDocument() {
        Optional<Row> found = readAfterWrite.read(counting(Optional::<Row>empty), Row::version, null).block();

        assertThat(found).isEmpty();
        assertThat(lookups).hasValue(1);
    }

    @Test
    void minVersionAlreadyReachedAnswersTheDocument() {
        Optional<Row> found = readAfterWrite.read(counting(() -> Optional.of(new Row("p-1", 3L))), Row::version, 3L)
                .block();

        assertThat(found).contains(new Row("p-1", 3L));
        assertThat(lookups).hasValue(1);
    }

    @Test
    void minVersionBelowTheDocumentsVersionAnswersTheDocument() {
        Optional<Row> found = readAfterWrite.read(counting(() -> Optional.of(new Row("p-1", 7L))), Row::version, 2L)
                .block();

        assertThat(found).contains(new Row("p-1", 7L));
    }

    @Test
    void waitsUntilTheProjectionCatchesUpWithMinVersion() {
        AtomicLong version = new AtomicLong(1L);
        CountDownLatch firstLookup = new CountDownLatch(1);
        catchUpAfterFirstLookup(firstLookup, () -> version.set(3L));

        Optional<Row> found = readAfterWrite.read(counting(() -> {
            firstLookup.countDown();
            return Optional.of(new Row("p-1", version.get()));
        }), Row::version, 3L).block();

        assertThat(found).contains(new Row("p-1", 3L));
        assertThat(lookups.get()).isGreaterThan(1);
    }

    @Test
    void waitsForADocumentTheProjectionHasNotCreatedYet() {
        AtomicLong version = new AtomicLong(-1L);
        CountDownLatch firstLookup = new CountDownLatch(1);
        catchUpAfterFirstLookup(firstLookup, () -> version.set(0L));

        Optional<Row> found = readAfterWrite.read(counting(() -> {
            firstLookup.countDown();
            long v = version.get();
            return v < 0 ? Optional.<Row>empty() : Optional.of(new Row("p-1", v));
        }), Row::version, 0L).block();

        assertThat(found).contains(new Row("p-1", 0L));
        assertThat(lookups.get()).isGreaterThan(1);
    }

    @Test
    void aVersionNeverReachedWithinTheBoundIsAReadModelLaggingProblem() {
        ReadAfterWrite impatient = new ReadAfterWrite(new QuerySettings(Duration.ofMillis(200), Duration.ofMillis(200)));

        assertThatThrownBy(() -> impatient.read(counting(() -> Optional.of(new Row("p-1", 1L))), Row::version, 2L)
                .block())
                .isInstanceOfSatisfying(KyodoProblemException.class, problem -> {
                    assertThat(problem.type().slug()).isEqualTo("read-model-lagging");
                    assertThat(problem.type().status()).isEqualTo(503);
                    assertThat(problem.detail())
                            .isEqualTo("The read model has not reached version 2 yet; retry shortly.");
                });
        assertThat(lookups.get()).isGreaterThan(1);
    }

    @Test
    void aSignedInPageWaitsPastTheApisBoundUpToItsOwn() throws InterruptedException {
        ReadAfterWrite bounds = new ReadAfterWrite(new QuerySettings(Duration.ofMillis(200), Duration.ofSeconds(60)));
        AtomicLong version = new AtomicLong(1);

        assertThatThrownBy(() -> bounds.read(counting(() -> Optional.of(new Row("p-1", version.get()))),
                Row::version, 2L).block())
                .isInstanceOfSatisfying(KyodoProblemException.class,
                        problem -> assertThat(problem.type().slug()).isEqualTo("read-model-lagging"));

        projector = new Thread(() -> {
            try {
                Thread.sleep(500); // past the API's 200 ms
                version.set(2);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        projector.start();
        Optional<Row> found = bounds.read(counting(() -> Optional.of(new Row("p-1", version.get()))), Row::version, 2L)
                .contextWrite(ReadAfterWrite::onSignedInPage).block();

        assertThat(found).contains(new Row("p-1", 2L));
    }

    @Test
    void anUnknownDocumentWithMinVersionIsAReadModelLaggingProblemNotAnEmptyAnswer() {
        ReadAfterWrite impatient = new ReadAfterWrite(new QuerySettings(Duration.ofMillis(200), Duration.ofMillis(200)));

        assertThatThrownBy(() -> impatient.read(counting(Optional::<Row>empty), Row::version, 0L).block())
                .isInstanceOfSatisfying(KyodoProblemException.class,
                        problem -> assertThat(problem.type().slug()).isEqualTo("read-model-lagging"));
    }

    @Test
    void negativeMinVersionIsInvalidInputAndLooksNothingUp() {
        assertThatThrownBy(() -> readAfterWrite.read(counting(() -> Optional.of(new Row("p-1", 1L))), Row::version,
                -1L).block())
                .isInstanceOfSatisfying(KyodoProblemException.class, problem -> {
                    assertThat(problem.type().slug()).isEqualTo("invalid-input");
                    assertThat(problem.type().status()).isEqualTo(400);
                    assertThat(problem.detail()).isEqualTo("minVersion must be from 0 to 1000000.");
                    assertThat(problem.errors()).containsExactly(
                            new FieldViolation("minVersion", "a whole number from 0 to 1000000"));
                });
        assertThat(lookups).hasValue(0);
    }

    @Test
    void anAbsurdMinVersionIsInvalidInputAtOnceInsteadOfAWaitAndA503() {
        assertThatThrownBy(() -> readAfterWrite.read(counting(() -> Optional.of(new Row("p-1", 1L))), Row::version,
                ReadAfterWrite.MAX_MIN_VERSION + 1).block())
                .isInstanceOfSatisfying(KyodoProblemException.class,
                        problem -> assertThat(problem.type().status()).isEqualTo(400));
        assertThat(lookups).hasValue(0);
    }

    @Test
    void nothingIsLookedUpBeforeSubscription() {
        readAfterWrite.read(counting(() -> Optional.of(new Row("p-1", 1L))), Row::version, 1L);

        assertThat(lookups).hasValue(0);
    }

    private <T> Callable<Optional<T>> counting(Callable<Optional<T>> lookup) {
        return () -> {
            lookups.incrementAndGet();
            return lookup.call();
        };
    }

    /** A stand-in projection: applies the event ~100 ms after the reader first looked. */
    private void catchUpAfterFirstLookup(CountDownLatch firstLookup, Runnable apply) {
        projector = new Thread(() -> {
            try {
                if (firstLookup.await(60, TimeUnit.SECONDS)) {
                    Thread.sleep(100);
                    apply.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "projector");
        projector.setDaemon(true);
        projector.start();
    }
}
