package kyodo.kernel.personal;

import java.time.Instant;

/**
 * An administrator erased a data subject's personal data by destroying the subject's key. Carries
 * no personal data: after this event no view can show the subject's data again, and no replay can
 * bring it back.
 *
 * @param subjectId pseudonymous id of the data subject
 * @param erasedAt  when the key was destroyed
 */
public record PersonalDataErased(String subjectId, Instant erasedAt) {
}
