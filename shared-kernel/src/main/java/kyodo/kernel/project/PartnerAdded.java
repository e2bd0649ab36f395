package kyodo.kernel.project;

import kyodo.kernel.StaffRef;

import java.time.Instant;

/**
 * An organisation joined the project as a partner. Partners are organisations; their names are public.
 *
 * @param projectId the project
 * @param partnerId the partner's id within the project
 * @param name      the organisation's name
 * @param type      its kind
 * @param role      its role in the project
 * @param addedAt   when
 * @param addedBy   who
 */
public record PartnerAdded(String projectId, String partnerId, String name, PartnerType type, String role,
                           Instant addedAt, StaffRef addedBy) {
}
