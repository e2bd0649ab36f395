package kyodo.kernel.proposal;

/**
 * The person or group behind a proposal, in clear. Personal data: it only ever travels sealed
 * ({@link kyodo.kernel.personal.SealedPersonalData}); this type exists at the two ends that may
 * see it (the staff member typing it in, the staff view of the same ward).
 *
 * @param name    name of the person or group
 * @param contact how to reach them (address, phone or e-mail), may be null
 */
public record Proposer(String name, String contact) {

    @Override
    public String toString() {
        return "Proposer[personal data]";
    }
}
