package kyodo.command.budget;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Budget settings ({@code kyodo.budgets.*}), given to {@link WardBudget}'s handlers.
 *
 * @param reservationTimeout how long money reserved for a project waits for its allocation to be recorded before it is released
 */
@ConfigurationProperties("kyodo.budgets")
public record BudgetSettings(@DefaultValue("10m") Duration reservationTimeout) {
}
