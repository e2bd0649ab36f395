package kyodo.command.personal;

import kyodo.kernel.personal.ContactIndex;
import kyodo.kernel.personal.ContactNormalisation;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;

import java.util.List;
import java.util.Map;

/**
 * A contact an administrator looks a person up by, checked before the index is asked. Problems
 * never repeat the contact: an answer or a log line must not carry it.
 */
final class PersonContact {

    /** As long as a proposer's contact may be. */
    static final int MAX_LENGTH = 500;

    private PersonContact() {
    }

    /**
     * The contact, if the index can look it up.
     *
     * @throws KyodoProblemException invalid-input (blank, too long, control characters); unavailable
     *                               while the index of the subjects sealed before it existed is built
     */
    static String checked(String contact, ContactIndex index) {
        String problem = contact == null || ContactNormalisation.normalise(contact).isEmpty() ? "must not be blank"
                : contact.length() > MAX_LENGTH ? "must be at most " + MAX_LENGTH + " characters"
                : contact.chars().anyMatch(Character::isISOControl) ? "must be plain text" : null;
        if (problem != null) {
            throw new KyodoProblemException(CommonProblems.INVALID_INPUT, "The contact is invalid.",
                    List.of(new FieldViolation("contact", problem)), Map.of());
        }
        if (!index.rebuilt()) {
            throw new KyodoProblemException(CommonProblems.UNAVAILABLE,
                    "The contact index is being built from the records sealed before it existed; retry shortly.");
        }
        return contact;
    }
}
