package kyodo.kernel.personal;

/**
 * A data subject as the contact index knows it: which record their data was sealed for. No
 * personal data.
 *
 * @param subjectId the pseudonymous subject id (its key is in the vault)
 * @param type      the kind of record, e.g. {@value #PROPOSAL}
 * @param recordId  that record's id, e.g. the proposal's
 */
public record IndexedSubject(String subjectId, String type, String recordId) {

    /** A proposal's proposer. */
    public static final String PROPOSAL = "proposal";
    /** A participant registered for a meeting: the record is the meeting. */
    public static final String MEETING_REGISTRATION = "meeting-registration";

    /** The proposer of a proposal. */
    public static IndexedSubject proposer(String subjectId, String proposalId) {
        return new IndexedSubject(subjectId, PROPOSAL, proposalId);
    }

    /** A participant of a meeting (the meeting's staff view shows them by subject id). */
    public static IndexedSubject participant(String subjectId, String meetingId) {
        return new IndexedSubject(subjectId, MEETING_REGISTRATION, meetingId);
    }
}
