package kyodo.command.platform;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerStarter;
import kyodo.kernel.Offline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * In an operator's command on the stores ({@link Offline}) the deadline scheduler is built, so that what
 * schedules or cancels a deadline works, but not started: no deadline fires, and each stays in its table
 * for the server to act on when it runs again. db-scheduler's starter steps back for a starter of ours
 * (it is conditional on there being none), hence this runs before its auto-configuration.
 */
@AutoConfiguration(beforeName = "com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration")
@ConditionalOnClass(DbSchedulerStarter.class)
@ConditionalOnProperty(name = Offline.PROPERTY, havingValue = "true")
public class OfflineDeadlines {

    private static final Logger LOG = LoggerFactory.getLogger(OfflineDeadlines.class);

    /** Starts nothing. */
    @Bean
    DbSchedulerStarter offlineSchedulerStarter() {
        return () -> LOG.debug("An operator's command on the stores: the deadline scheduler is not started.");
    }
}
