package kyodo.query.platform.store.embedded;

import kyodo.query.platform.store.ReadStore;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** The rebuilds open on a store: what they deferred is built when the last of them closes. */
final class Rebuilds {

    private final AtomicInteger open = new AtomicInteger();

    ReadStore.Rebuild open(Runnable atLastClose) {
        open.incrementAndGet();
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (!closed.getAndSet(true) && open.decrementAndGet() == 0) {
                atLastClose.run();
            }
        };
    }

    boolean active() {
        return open.get() > 0;
    }
}
