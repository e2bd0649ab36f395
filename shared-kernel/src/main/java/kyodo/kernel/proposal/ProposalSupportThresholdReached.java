package kyodo.kernel.proposal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The proposal reached its programme's support threshold for the first time (issue 17): its answer is
 * due by the end of {@code dueOn} (Asia/Tokyo) at the latest, the earlier of that and any due date
 * already set, and the same deadline that marks proposals overdue runs for it.
 *
 * @param proposalId the proposal
 * @param threshold  the programme's threshold that was reached
 * @param supports   how many residents support it now
 * @param dueOn      last day for the answer from now on
 * @param reachedAt  when the support that reached it was given
 */
public record ProposalSupportThresholdReached(String proposalId, int threshold, int supports, LocalDate dueOn,
                                              Instant reachedAt) implements ProposalSupportCount {
}
