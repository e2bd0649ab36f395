package kyodo.kernel.proposal;

import kyodo.kernel.StaffRef;

import java.time.Instant;

/**
 * The proposer withdrew the proposal (staff record it); no further commands apply to it.
 *
 * @param proposalId  the proposal
 * @param reason      why, public
 * @param withdrawnAt when
 * @param recordedBy  who recorded it
 */
public record ProposalWithdrawn(String proposalId, String reason, Instant withdrawnAt, StaffRef recordedBy) {
}
