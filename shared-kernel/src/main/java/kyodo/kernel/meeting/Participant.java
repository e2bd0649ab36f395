package kyodo.kernel.meeting;

/**
 * A participant in clear: personal data, only ever stored sealed. Sealed before issue 20 without a
 * contact: such data opens with a null one.
 *
 * @param name        the participant's name
 * @param affiliation their organisation, or null
 * @param contact     how to reach them (e-mail, phone or address), or null; an administrator finds
 *                    the person by it (ADR 3)
 */
public record Participant(String name, String affiliation, String contact) {

    /** A participant who gave no contact. */
    public Participant(String name, String affiliation) {
        this(name, affiliation, null);
    }

    @Override
    public String toString() {
        return "Participant[personal data]";
    }
}
