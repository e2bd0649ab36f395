package kyodo.command.proposal;

import kyodo.kernel.proposal.ProposalProgramme;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Map;

/**
 * How long the ward office has to answer, by programme, when staff do not say
 * ({@code kyodo.proposals.response-due-days.*}).
 *
 * @param defaultDays days to answer a proposal (1 to 365)
 * @param byProgramme days for a programme instead, e.g. by-programme.SUGGESTION_BOX=14
 */
@ConfigurationProperties("kyodo.proposals.response-due-days")
public record ResponseDuePolicy(@DefaultValue("30") int defaultDays, Map<ProposalProgramme, Integer> byProgramme) {

    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 365;

    public ResponseDuePolicy {
        byProgramme = byProgramme == null ? Map.of() : Map.copyOf(byProgramme);
        if (defaultDays < MIN_DAYS || defaultDays > MAX_DAYS
                || byProgramme.values().stream().anyMatch(d -> d < MIN_DAYS || d > MAX_DAYS)) {
            throw new IllegalArgumentException("response due days must be 1..365");
        }
    }

    public int daysFor(ProposalProgramme programme) {
        return byProgramme.getOrDefault(programme, defaultDays);
    }
}
