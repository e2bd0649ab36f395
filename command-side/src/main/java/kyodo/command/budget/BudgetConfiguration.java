package kyodo.command.budget;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** Budget settings: {@code kyodo.budgets.reservation-timeout} (10 minutes). */
@Configuration(proxyBeanMethods = false)
class BudgetConfiguration {

    @Bean
    WardBudget.BudgetSettings budgetSettings(@Value("${kyodo.budgets.reservation-timeout:10m}") Duration timeout) {
        return new WardBudget.BudgetSettings(timeout);
    }
}
