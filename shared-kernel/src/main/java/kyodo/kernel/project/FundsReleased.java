package kyodo.kernel.project;

import kyodo.kernel.Yen;

import java.time.Instant;

/**
 * Money returned to the ward budget: a reservation the project refused, or the unspent part of a terminated project.
 *
 * @param budgetId   the ward budget
 * @param releaseId  the allocation released, or the termination it follows
 * @param projectId  the project
 * @param amount     how much
 * @param reason     why, public
 * @param releasedAt when
 */
public record FundsReleased(String budgetId, String releaseId, String projectId, Yen amount, String reason,
                            Instant releasedAt) {
}
