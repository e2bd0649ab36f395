package kyodo.command.proposal;

import kyodo.kernel.proposal.ProposalProgramme;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * How long the ward office has to answer, by programme, when staff do not say:
 * {@code kyodo.proposals.response-due-days.default} (30) and
 * {@code kyodo.proposals.response-due-days.by-programme.SUGGESTION_BOX=14} etc.
 */
@ConfigurationProperties("kyodo.proposals.response-due-days")
public record ResponseDuePolicy(Integer defaultDays, Map<ProposalProgramme, Integer> byProgramme) {

    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 365;

    public ResponseDuePolicy {
        defaultDays = defaultDays == null ? 30 : defaultDays;
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
