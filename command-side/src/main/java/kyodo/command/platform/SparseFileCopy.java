package kyodo.command.platform;

import kyodo.kernel.EmbeddedFiles;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies the embedded event store's file into a compact one before the application opens it, when
 * it is mostly free space. While it runs, H2 reuses the space of freed chunks but cannot move chunks
 * to shorten the file (h2database #4086), so a file that grew under a sustained load keeps its
 * length: after a load of 10⁶ events through the old compaction it was 4.7 GB, 13 % live. A copy of
 * its live pages (as H2's {@code SHUTDOWN COMPACT} makes, and as the read store does at open, ADR 17)
 * took 6 s and left 414 MB. The old file is replaced only once the copy is complete; a file that
 * another process holds is left alone (H2 then reports the lock as usual).
 */
final class SparseFileCopy implements BeanPostProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(SparseFileCopy.class);

    /** Files smaller than this are never copied: the copy would save little. */
    static final long SPARSE_BYTES = 64L << 20;
    /** A file whose live pages fill less than this percentage of it is copied. */
    static final int SPARSE_FILL_RATE = 50;

    private final Environment environment;
    private boolean done;

    SparseFileCopy(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (!done && (bean instanceof DataSource || bean instanceof DataSourceProperties)) {
            done = true;
            EmbeddedFiles.file(environment.getProperty("spring.datasource.url", ""))
                    .ifPresent(file -> compactIfSparse(file, SPARSE_BYTES, SPARSE_FILL_RATE));
        }
        return bean;
    }

    /** Copies the file into a compact one if it is larger than {@code minBytes} and less than {@code fillRate} % live. */
    static boolean compactIfSparse(Path file, long minBytes, int fillRate) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) <= minBytes) {
                return false;
            }
            // opened for writing, so that a file another process holds is refused, not copied under it
            MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
            int live;
            try {
                live = store.getFillRate() * store.getFileStore().getChunksFillRate() / 100;
            } finally {
                store.close(0);
            }
            if (live >= fillRate) {
                return false;
            }
            long before = Files.size(file);
            long started = System.nanoTime();
            MVStoreTool.compact(file.toString(), true);
            LOG.info("The embedded file {} was {} % free space: copied into a compact file ({} MB → {} MB, {} ms).",
                    file, 100 - live, before >> 20, Files.size(file) >> 20, (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                return false;
            }
            throw e;
        } catch (IOException e) {
            LOG.warn("The embedded file {} could not be measured for a compact copy: {}", file, e.toString());
            return false;
        }
    }
}
