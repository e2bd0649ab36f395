package kyodo.kernel.project;

import kyodo.kernel.Yen;

import java.time.Instant;

/**
 * The ward budget set money aside for a project's allocation; what remains can no longer be promised twice.
 *
 * @param budgetId     the ward budget
 * @param allocationId the allocation
 * @param projectId    the project
 * @param amount       how much
 * @param reservedAt   when
 */
public record FundsReserved(String budgetId, String allocationId, String projectId, Yen amount, Instant reservedAt) {
}
