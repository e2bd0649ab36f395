package kyodo.kernel.project;

import kyodo.kernel.StaffRef;

import java.time.Instant;

/**
 * The project evaluated itself (自己点検): a rating from 1 to 5 and its reasons.
 *
 * @param projectId   the project
 * @param rating      1 (poor) to 5 (excellent)
 * @param text        the evaluation
 * @param evaluatedAt when
 * @param evaluatedBy who
 */
public record SelfEvaluated(String projectId, int rating, String text, Instant evaluatedAt, StaffRef evaluatedBy) {
}
