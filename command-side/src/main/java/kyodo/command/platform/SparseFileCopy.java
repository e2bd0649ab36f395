package kyodo.command.platform;

import kyodo.kernel.EmbeddedFiles;
import kyodo.kernel.SparseFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Copies embedded H2 files that are mostly free space into compact ones while nothing holds them: when
 * the application stops, after every data source closed, so that the directory a stopped server leaves
 * is compact and the next start does not pay for what this run wrote; and before anything opens them at
 * start, for a file a killed process left sparse (issue 13). While open, H2 reuses the space of freed
 * chunks but cannot move chunks to shorten the file (h2database #4086), so a file that grew under a
 * sustained load keeps its length. At 10⁶ events, through the old compaction: 4.7 GB, 13 % live; the copy
 * of its live pages took 6 s and left 414 MB. {@link SparseFiles} makes the copy beside the file and
 * renames it over the file once complete; a file that a process still holds, or that holds a transaction
 * a killed process left open, is left alone.
 *
 * <p>A bean post-processor, so that Spring creates it before any data source and destroys it after them.
 * The command side's instance looks after the event store and the key vault; the ops application has one
 * for its own stores.
 */
public final class SparseFileCopy implements BeanPostProcessor, InitializingBean, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(SparseFileCopy.class);

    /** Files smaller than this are never copied: the copy would save little. */
    static final long SPARSE_BYTES = 16L << 20;
    /** A file whose live pages fill less than this percentage of it is copied. */
    static final int SPARSE_FILL_RATE = 50;

    private final Supplier<List<Path>> files;
    private final long minBytes;

    /** @param files the embedded files to look after (resolved when the context starts and stops) */
    public SparseFileCopy(Supplier<List<Path>> files) {
        this(files, SPARSE_BYTES);
    }

    SparseFileCopy(Supplier<List<Path>> files, long minBytes) {
        this.files = files;
        this.minBytes = minBytes;
    }

    /** The event store's and the key vault's files, when they are embedded H2 files. */
    static SparseFileCopy ofCommandSide(Environment environment) {
        return new SparseFileCopy(() -> Stream.of("spring.datasource.url", "kyodo.vault.url")
                .map(key -> EmbeddedFiles.file(environment.getProperty(key, "")))
                .flatMap(Optional::stream).distinct().toList());
    }

    @Override
    public void afterPropertiesSet() {
        for (Path file : files.get()) {
            SparseFiles.recover(file);
            compactIfSparse(file, minBytes, SPARSE_FILL_RATE, Duration.ZERO);
        }
    }

    @Override
    public void destroy() {
        for (Path file : files.get()) {
            try {
                compactIfSparse(file, minBytes, SPARSE_FILL_RATE, SparseFiles.STOP_LIMIT);
            } catch (RuntimeException e) {
                // the file is as it was; the next start tries again
                LOG.warn("The embedded file {} could not be copied into a compact file at the stop: {}", file,
                        e.toString());
            }
        }
    }

    /**
     * Copies the file into a compact one if it is larger than {@code minBytes} and less than
     * {@code fillRate} % live, within {@code limit} (zero: none).
     */
    static boolean compactIfSparse(Path file, long minBytes, int fillRate, Duration limit) {
        Optional<SparseFiles.Copied> copied = SparseFiles.copyIfSparse(file, minBytes, fillRate, limit);
        copied.ifPresent(copy -> {
            switch (copy.outcome()) {
                case COPIED -> LOG.info("The embedded file {} was {} % free space: copied into a compact file ({}).",
                        file, 100 - copy.live(), copy);
                case GIVEN_UP -> LOG.info("The embedded file {} is {} % free space; its compact copy was given up"
                        + " after {} s, the next start makes it.", file, 100 - copy.live(), limit.toSeconds());
                case TRANSACTION_OPEN -> LOG.info("The embedded file {} is {} % free space but holds a transaction"
                        + " its process left open: not copied; H2 rolls it back when it opens the file, and a"
                        + " later stop or start makes the copy.", file, 100 - copy.live());
            }
        });
        return copied.filter(SparseFiles.Copied::finished).isPresent();
    }
}
