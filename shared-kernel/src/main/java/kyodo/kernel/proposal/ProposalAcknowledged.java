package kyodo.kernel.proposal;

import kyodo.kernel.StaffRef;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The ward office acknowledged a proposal and a department took it up: the response clock runs
 * from here, and the answer is due by the end of {@code dueOn} (Asia/Tokyo).
 *
 * @param proposalId     the proposal
 * @param department     the department reviewing it, public
 * @param dueOn          last day for the answer
 * @param acknowledgedAt when
 * @param acknowledgedBy who
 */
public record ProposalAcknowledged(String proposalId, String department, LocalDate dueOn, Instant acknowledgedAt,
                                   StaffRef acknowledgedBy) {
}
