package kyodo.command.proposal.support;

import kyodo.command.proposal.ResponseDuePolicy;
import kyodo.kernel.proposal.ProposalProgramme;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Map;

/**
 * When residents' supports make an answer due ({@code kyodo.proposals.supports.*}, issue 17): the first
 * time a proposal reaches its programme's threshold, the answer is due within {@code dueDays} days,
 * unless an earlier due date is already set.
 *
 * @param threshold            supports that make an answer due (1 or more)
 * @param thresholdByProgramme a programme's threshold instead, e.g. threshold-by-programme.MACHI_NO_HIROBA=200
 * @param dueDays              days from reaching the threshold to the answer's due date (1 to 365)
 */
@ConfigurationProperties("kyodo.proposals.supports")
public record SupportPolicy(@DefaultValue("50") int threshold, Map<ProposalProgramme, Integer> thresholdByProgramme,
                            @DefaultValue("30") int dueDays) {

    public SupportPolicy {
        thresholdByProgramme = thresholdByProgramme == null ? Map.of() : Map.copyOf(thresholdByProgramme);
        if (threshold < 1 || thresholdByProgramme.values().stream().anyMatch(t -> t < 1)) {
            throw new IllegalArgumentException("a support threshold is 1 or more");
        }
        if (dueDays < ResponseDuePolicy.MIN_DAYS || dueDays > ResponseDuePolicy.MAX_DAYS) {
            throw new IllegalArgumentException("support due days must be 1..365");
        }
    }

    /** The threshold of the programme's proposals. */
    public int thresholdFor(ProposalProgramme programme) {
        return thresholdByProgramme.getOrDefault(programme, threshold);
    }
}
