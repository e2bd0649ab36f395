package kyodo.kernel.proposal;

import kyodo.kernel.StaffRef;

import java.time.Instant;

/**
 * Staff shared how a proposal is progressing; public, shown on the proposal's timeline.
 *
 * @param proposalId the proposal
 * @param text       the update, public
 * @param postedAt   when
 * @param postedBy   who
 */
public record ProposalProgressUpdated(String proposalId, String text, Instant postedAt, StaffRef postedBy) {
}
