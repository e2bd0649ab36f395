package kyodo.command.platform;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Deadlines on db-scheduler, as Axon would configure them, with a cancel that survives a deadline
 * firing at the same moment ({@link DbSchedulerDeadlines}). Axon's own deadline manager then steps
 * back (it is conditional on there being none), and its db-scheduler task finds this one, which is a
 * {@link DbSchedulerDeadlineManager}.
 */
@AutoConfiguration(
        afterName = "com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration",
        beforeName = "org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration")
@ConditionalOnBean(Scheduler.class)
public class DeadlineConfiguration {

    /** Started and stopped by db-scheduler's own Spring Boot starter, as Axon's would be. */
    @Bean
    @ConditionalOnMissingBean(DeadlineManager.class)
    DbSchedulerDeadlines deadlineManager(Scheduler scheduler, org.axonframework.config.Configuration configuration,
                                         @Qualifier("eventSerializer") Serializer serializer,
                                         TransactionManager transactionManager,
                                         DeadlineManagerSpanFactory spanFactory) {
        return new DbSchedulerDeadlines(DbSchedulerDeadlineManager.builder()
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                .startScheduler(false)
                .stopScheduler(false), scheduler, serializer);
    }
}
