package kyodo.kernel.proposal;

import kyodo.kernel.StaffRef;

import java.time.Instant;

/**
 * The proposal was revised as requested (staff record the proposer's revision); it is under
 * review again. A field left null was not changed.
 *
 * @param proposalId the proposal
 * @param title      the new title, or null if unchanged
 * @param body       the new text, or null if unchanged
 * @param revisedAt  when
 * @param recordedBy who recorded it
 */
public record ProposalRevised(String proposalId, String title, String body, Instant revisedAt,
                              StaffRef recordedBy) {
}
