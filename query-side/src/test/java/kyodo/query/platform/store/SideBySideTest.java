package kyodo.query.platform.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pieces of work side by side: each once, on two threads at once, a failure thrown after both. */
class SideBySideTest {

    private static final String THREAD = "side-by-side-test";

    @Test
    void twoPassesRunAtOnceOnTwoThreadsAndTheHelperEndsWithThem() {
        // each waits for the other inside its pass: on one thread the first would wait in vain
        CyclicBarrier both = new CyclicBarrier(2);
        Map<String, String> threadOf = new ConcurrentHashMap<>();

        SideBySide.run(List.of("a", "b"), 2, THREAD, pass -> {
            threadOf.put(pass, Thread.currentThread().getName());
            await(both);
        });

        assertThat(threadOf).containsOnlyKeys("a", "b");
        assertThat(threadOf.get("a")).isNotEqualTo(threadOf.get("b"));
        assertThat(threadOf).containsValue(THREAD);
        assertThat(helpers()).as("the helper ended with the passes").isEmpty();
    }

    @Test
    void aFailingPassStopsTheHandOutAndIsThrownOnceBothThreadsHaveEnded() {
        CyclicBarrier both = new CyclicBarrier(2);
        Map<String, Boolean> ran = new ConcurrentHashMap<>();

        assertThatThrownBy(() -> SideBySide.run(List.of("a", "b", "c", "d"), 2, THREAD, pass -> {
            ran.put(pass, true);
            if (pass.equals("a") || pass.equals("b")) {
                await(both); // both under way before either ends
            }
            if (pass.equals("b")) {
                throw new IllegalStateException("b failed");
            }
        })).hasMessage("b failed");

        assertThat(ran).containsKeys("a", "b");
        assertThat(helpers()).as("the helper ended with the passes").isEmpty();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other pass did not come", e);
        }
    }

    private static List<Thread> helpers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(THREAD) && thread.isAlive()).toList();
    }
}
