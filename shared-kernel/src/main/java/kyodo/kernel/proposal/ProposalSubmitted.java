package kyodo.kernel.proposal;

import kyodo.kernel.Ward;
import kyodo.kernel.personal.SealedPersonalData;

import java.time.Instant;
import java.util.List;

/**
 * A resident or group brought a proposal to a ward office, recorded by staff (or through the web
 * channel). The proposer is sealed with their own key; everything else is public.
 *
 * @param proposalId  the proposal's id
 * @param ward        the ward whose office received it
 * @param title       short title, public
 * @param body        the proposal text, public
 * @param themes      theme labels, public
 * @param programme   the programme it arrived through
 * @param channel     how it arrived
 * @param proposer    the proposer's name and contact, sealed
 * @param submittedAt when it was received
 */
public record ProposalSubmitted(String proposalId, Ward ward, String title, String body, List<String> themes,
                                ProposalProgramme programme, ProposalChannel channel, SealedPersonalData proposer,
                                Instant submittedAt) {

    public ProposalSubmitted {
        themes = themes == null ? List.of() : List.copyOf(themes);
    }
}
