package kyodo.command.budget;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the budget settings ({@link BudgetSettings}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BudgetSettings.class)
class BudgetConfiguration {
}
