package kyodo.ops.startup;

import kyodo.command.platform.CompactionSettings;
import kyodo.command.platform.EmbeddedFileCompaction;
import kyodo.command.platform.SparseFileCopy;
import kyodo.kernel.EmbeddedFiles;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.util.Optional;

/**
 * The ops stores' embedded H2 files are kept compact as the event store's are (issue 13): the follows file
 * had grown to 611 MB for 12 MB of rows (a subject row written per proposal, meeting and project, each in
 * a commit and a chunk of its own, and nothing rewrote the chunks they left nearly empty). While they are
 * written, {@link EmbeddedFileCompaction}; when they are closed at the stop (and at start, after a
 * {@code kill -9}), {@link SparseFileCopy}. A store with a configured URL is the operator's server's to keep.
 */
@Configuration(proxyBeanMethods = false)
class OpsStoreFiles {

    @Bean
    static SparseFileCopy opsSparseFileCopy(Environment env) {
        return new SparseFileCopy(() -> OpsStores.embeddedUrls(env).values().stream()
                .map(EmbeddedFiles::file).flatMap(Optional::stream).toList());
    }

    @Bean
    EmbeddedFileCompaction opsFileCompaction(Environment env) {
        // bound here too: not every side of the ops application enables the command side's settings
        CompactionSettings compaction = Binder.get(env).bindOrCreate("kyodo.embedded-files", CompactionSettings.class);
        return EmbeddedFileCompaction.ofFiles(OpsStores.embeddedUrls(env), OpsStores.USER, OpsStores.PASSWORD,
                compaction.compactionInterval());
    }
}
