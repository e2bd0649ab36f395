package kyodo.command.access;

/**
 * A command that creates a subject on behalf of a data subject (a proposal and its proposer): a resident
 * may send it only as that data subject ({@link CommandPermissions#requireProposer}), never for another.
 */
public interface ProposedBy {

    /** The data subject the new subject's personal data is sealed for. */
    String proposerSubject();
}
