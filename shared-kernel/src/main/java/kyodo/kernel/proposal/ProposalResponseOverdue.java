package kyodo.kernel.proposal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The response deadline passed without an answer. Recorded by the platform's own timer, so that
 * overdue proposals show as overdue without anyone touching them.
 *
 * @param proposalId the proposal
 * @param dueOn      the day the answer was due
 * @param recordedAt when the deadline fired
 */
public record ProposalResponseOverdue(String proposalId, LocalDate dueOn, Instant recordedAt) {
}
