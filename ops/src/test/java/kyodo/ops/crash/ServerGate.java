package kyodo.ops.crash;

/**
 * Whether the server is meant to be up: closed by the crash loop just before it kills the server,
 * opened again once the restarted server is healthy. Clients wait at the gate instead of hammering
 * a dead port; a request already in flight when the server dies simply fails.
 */
final class ServerGate {

    private boolean open;

    synchronized void open() {
        open = true;
        notifyAll();
    }

    synchronized void close() {
        open = false;
    }

    synchronized boolean isOpen() {
        return open;
    }

    /** Waits until the server is up again. */
    synchronized void awaitOpen() throws InterruptedException {
        while (!open) {
            wait(500);
        }
    }
}
