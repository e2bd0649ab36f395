package kyodo.ops.resident;

import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;

import java.time.Instant;

/**
 * What the staff console uses to verify a resident at the ward office counter: after checking an
 * identity document, staff of the ward issue a one-time code for the person's keyed pseudonym (the
 * document's identifier is never stored) and hand it over; the resident enters it on their account.
 */
public final class CounterCodes {

    private final ResidentDesk desk;

    CounterCodes(ResidentDesk desk) {
        this.desk = desk;
    }

    /**
     * Issues a code; blocking.
     *
     * @throws kyodo.kernel.problem.KyodoProblemException forbidden outside the member's ward, or
     *         {@code resident-person-has-account} when the person already has a verified account
     */
    public Issued issue(Ward ward, String documentId, Actor staff) {
        ResidentDesk.IssuedCode issued = desk.issueCounterCode(ward, documentId, staff);
        return new Issued(issued.code(), issued.ward(), issued.expires());
    }

    /** The code, shown once to the member of staff, its ward and until when it works. */
    public record Issued(String code, Ward ward, Instant expires) {
        @Override
        public String toString() {
            return "Issued[" + ward.code() + "]";
        }
    }
}
