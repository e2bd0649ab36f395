package kyodo.kernel;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SparseFilesTest {

    private static final int ENTRIES = 300;

    @TempDir
    Path dir;

    @Test
    void aMostlyFreeFileIsCopiedIntoACompactOneWithEveryEntry() throws Exception {
        Path file = sparseFile();
        long before = Files.size(file);
        assertThat(SparseFiles.liveShare(file).orElseThrow()).isLessThan(50);

        SparseFiles.Copied copy = SparseFiles.copyIfSparse(file, 0, 50, Duration.ZERO).orElseThrow();

        assertThat(copy.finished()).isTrue();
        assertThat(copy.before()).isEqualTo(before);
        assertThat(Files.size(file)).isEqualTo(copy.after()).isLessThan(before / 10);
        assertThat(Files.exists(Path.of(file + ".tempFile"))).isFalse();
        assertEveryEntry(file);
        assertThat(SparseFiles.copyIfSparse(file, 0, 50, Duration.ZERO)).as("compact now").isEmpty();
    }

    @Test
    void aFileSmallerThanTheMinimumOrHeldByAProcessIsLeftAlone() throws Exception {
        Path file = sparseFile();
        long before = Files.size(file);
        assertThat(SparseFiles.copyIfSparse(file, before, 50, Duration.ZERO)).isEmpty();
        MVStore held = new MVStore.Builder().fileName(file.toString()).open();
        try {
            assertThat(SparseFiles.liveShare(file)).isEmpty();
            assertThat(SparseFiles.copyIfSparse(file, 0, 50, Duration.ZERO)).isEmpty();
        } finally {
            held.close(0);
        }
        assertThat(Files.size(file)).isEqualTo(before);
        assertThat(SparseFiles.copyIfSparse(dir.resolve("none.mv"), 0, 50, Duration.ZERO)).isEmpty();
    }

    /** Whether or not the copy makes it within the limit, the file holds every entry and nothing is left beside it. */
    @Test
    void aCopyCutShortAtItsLimitLeavesTheFileAsItWas() throws Exception {
        Path file = sparseFile();
        long before = Files.size(file);

        SparseFiles.Copied copy = SparseFiles.copy(file, 10, Duration.ofNanos(1));

        assertThat(Files.size(file)).isEqualTo(copy.finished() ? copy.after() : before);
        assertThat(Files.exists(Path.of(file + ".tempFile"))).isFalse();
        assertEveryEntry(file);
    }

    /** What a process killed in the middle of a copy leaves: a partial temp file, or the copy not yet in place. */
    @Test
    void recoverRemovesAPartialCopyAndPutsACompleteOneInPlace() throws Exception {
        Path file = sparseFile();
        Path temp = Path.of(file + ".tempFile");
        Files.write(temp, new byte[4096]);
        SparseFiles.recover(file);
        assertThat(Files.exists(temp)).isFalse();
        assertEveryEntry(file);

        Path copied = Path.of(file + ".newFile");
        Files.move(file, copied);
        SparseFiles.recover(file);
        assertThat(Files.exists(copied)).isFalse();
        assertEveryEntry(file);
    }

    /** 30 MB of incompressible entries, then each rewritten small: the file keeps its length, mostly free. */
    private Path sparseFile() {
        Path file = dir.resolve("sparse.mv");
        Random random = new Random(13);
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        store.setRetentionTime(0);
        MVMap<Integer, byte[]> map = store.openMap("entries");
        for (int i = 0; i < ENTRIES; i++) {
            byte[] large = new byte[100_000];
            random.nextBytes(large);
            map.put(i, large);
        }
        store.commit();
        for (int i = 0; i < ENTRIES; i++) {
            map.put(i, entry(i));
        }
        store.commit();
        map.put(0, entry(0));
        store.commit();
        store.close(0);
        return file;
    }

    private static byte[] entry(int i) {
        return ("entry " + i).getBytes();
    }

    private static void assertEveryEntry(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            MVMap<Integer, byte[]> map = store.openMap("entries");
            assertThat(map.size()).isEqualTo(ENTRIES);
            for (int i = 0; i < ENTRIES; i++) {
                assertThat(map.get(i)).isEqualTo(entry(i));
            }
        } finally {
            store.close();
        }
    }
}
