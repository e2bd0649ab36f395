package kyodo.query.platform.store.embedded;

import kyodo.kernel.SparseFiles;

import java.nio.file.Path;

/**
 * Not a test: on a copy of a read store's directory, defers every non-unique index of each collection
 * (or of the one named) and builds them alone, as the last rebuild's close does, printing how many
 * bytes each commit wrote (the largest commit is what a small heap must hold at once).
 * {@code java -Xmx256m ... DeferredBuildProbe <directory> [collection]}; it changes the copy's indexes only.
 */
public final class DeferredBuildProbe {

    private DeferredBuildProbe() {
    }

    public static void main(String[] args) {
        try (EmbeddedReadStore store = EmbeddedReadStore.open(Path.of(args[0]))) {
            for (String name : store.collectionNames()) {
                EmbeddedCollection c = (EmbeddedCollection) store.collection(name);
                if (args.length > 1 && !args[1].equals(name) || c.indexes.stream().allMatch(index -> index.unique)) {
                    continue;
                }
                store.write(() -> {
                    IndexBuild.defer(c);
                    return null;
                });
                long[] commits = {0, 0, SparseFiles.writtenBytes(store.file())}; // count, largest, written at the last one
                long started = System.nanoTime();
                c.finishDeferredAlone(c.indexes, IndexBuild.COMMITTED_ENTRIES, () -> {
                    long written = SparseFiles.writtenBytes(store.file());
                    commits[0]++;
                    commits[1] = Math.max(commits[1], written - commits[2]);
                    commits[2] = written;
                });
                System.out.printf("%s: %,d documents, %d indexes: %,d commits, the largest %,d bytes, %,d ms%n", name,
                        c.size(), c.indexes.stream().filter(index -> !index.unique).count(), commits[0], commits[1],
                        (System.nanoTime() - started) / 1_000_000);
            }
            store.makeDurable();
        }
    }
}
