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

    /** The proposer of a proposal. */
    public static IndexedSubject proposer(String subjectId, String proposalId) {
        return new IndexedSubject(subjectId, PROPOSAL, proposalId);
    }
}
