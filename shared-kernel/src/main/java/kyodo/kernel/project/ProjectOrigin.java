package kyodo.kernel.project;

/**
 * Where a project comes from: an accepted proposal, an adopted meeting resolution, or a
 * department's own initiative (all ids null).
 *
 * @param proposalId   the accepted proposal it implements, or null
 * @param meetingId    the meeting whose resolution started it, or null
 * @param resolutionId the adopted resolution, or null
 */
public record ProjectOrigin(String proposalId, String meetingId, String resolutionId) {

    public static final ProjectOrigin DEPARTMENT_INITIATIVE = new ProjectOrigin(null, null, null);
}
