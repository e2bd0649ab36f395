package kyodo.kernel.decision;

/**
 * What a decision rests on besides the decider's own judgement, e.g. the meeting resolution that
 * decided a referred proposal.
 *
 * @param type kind of basis, e.g. {@code meeting-resolution}
 * @param id   its id, e.g. the resolution id
 */
public record DecisionBasis(String type, String id) {

    public static DecisionBasis meetingResolution(String resolutionId) {
        return new DecisionBasis("meeting-resolution", resolutionId);
    }
}
