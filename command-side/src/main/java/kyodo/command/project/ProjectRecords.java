package kyodo.command.project;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;

import java.util.Optional;

/**
 * What the project side reads of other aggregates, from the event store (never the query side).
 */
public interface ProjectRecords {

    /** Whether the proposal's last answer is an acceptance. */
    boolean proposalAccepted(String proposalId);

    /** Whether the meeting adopted that resolution. */
    boolean resolutionAdopted(String meetingId, String resolutionId);

    /** Whether the ward budget released that allocation (expired or refused). */
    boolean allocationReleased(String budgetId, String allocationId);

    /** Where a project draws money from: its ward and fiscal year; empty if no such project. */
    Optional<Place> placeOf(String projectId);

    /** A project's ward (null for city-wide), fiscal year and current version (its last sequence number). */
    record Place(Ward ward, FiscalYear fiscalYear, long version) {
    }
}
