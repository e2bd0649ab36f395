package kyodo.kernel.meeting;

/**
 * A participant in clear: personal data, only ever stored sealed.
 *
 * @param name        the participant's name
 * @param affiliation their organisation, or null
 */
public record Participant(String name, String affiliation) {

    @Override
    public String toString() {
        return "Participant[personal data]";
    }
}
