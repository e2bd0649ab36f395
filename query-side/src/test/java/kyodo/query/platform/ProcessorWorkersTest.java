package kyodo.query.platform;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A projection's processor gets one worker thread per segment, not Axon's four (issue 13: memory). */
class ProcessorWorkersTest {

    @Test
    void aProcessorOfOneSegmentWorksOnOneThreadNamedForIt() throws InterruptedException {
        assertThat(threadsUsed(1, 20)).hasSize(1).allMatch(name -> name.startsWith("WorkPackage[proposal-views]"));
    }

    @Test
    void aProcessorOfThreeSegmentsWorksOnThreeThreadsAtMost() throws InterruptedException {
        assertThat(threadsUsed(3, 20)).hasSizeBetween(1, 3);
    }

    private static Set<String> threadsUsed(int segments, int tasks) throws InterruptedException {
        ScheduledExecutorService workers = ReadModelStoreConfiguration.workers("proposal-views", segments);
        Set<String> names = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(tasks);
        try {
            for (int i = 0; i < tasks; i++) {
                workers.execute(() -> {
                    names.add(Thread.currentThread().getName());
                    done.countDown();
                });
            }
            assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
            return names;
        } finally {
            workers.shutdownNow();
            assertThat(workers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }
}
