package kyodo.query.platform.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The tasks for a rebuild's end run side by side when the last open rebuild closes, each once, all despite a failure. */
class RebuildsTest {

    @Test
    void theTasksRunSideBySideBeforeWhatTheEngineDeferred() {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "side by side needs two cores");
        Rebuilds rebuilds = new Rebuilds();
        Map<String, String> threadOf = new ConcurrentHashMap<>();
        CyclicBarrier both = new CyclicBarrier(2); // each task waits for the other: one after the other would not pass
        ReadStore.Rebuild rebuild = rebuilds.open(() -> threadOf.put("deferred", Thread.currentThread().getName()));
        List.of("a", "b").forEach(task -> rebuilds.whenRebuilt(() -> {
            threadOf.put(task, Thread.currentThread().getName());
            await(both);
        }));

        rebuild.close();

        assertThat(threadOf).containsOnlyKeys("a", "b", "deferred");
        assertThat(threadOf.get("a")).isNotEqualTo(threadOf.get("b"));
        assertThat(threadOf.get("deferred")).isEqualTo(Thread.currentThread().getName());
        assertThat(rebuilds.active()).isFalse();
    }

    @Test
    void aFailingTaskStopsNoOtherAndIsThrownAfterAllRanAndTheDeferredWasBuilt() {
        Rebuilds rebuilds = new Rebuilds();
        Map<String, Boolean> ran = new ConcurrentHashMap<>();
        ReadStore.Rebuild rebuild = rebuilds.open(() -> ran.put("deferred", true));
        rebuilds.whenRebuilt(() -> {
            throw new IllegalStateException("first failed");
        });
        List.of("b", "c", "d").forEach(task -> rebuilds.whenRebuilt(() -> ran.put(task, true)));
        rebuilds.whenRebuilt(() -> {
            throw new IllegalStateException("last failed");
        });

        assertThatThrownBy(rebuild::close).isInstanceOf(IllegalStateException.class).hasMessageEndingWith("failed")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        assertThat(ran).containsOnlyKeys("b", "c", "d", "deferred");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other task did not come", e);
        }
    }
}
