package kyodo.kernel.project;

import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionEvent;

import java.time.LocalDate;
import java.util.List;

/**
 * Partners signed an agreement (覚書, 協定) of at least two parties: a decision.
 *
 * @param projectId   the project
 * @param agreementId the agreement
 * @param title       its title
 * @param partyIds    the partners that are parties to it
 * @param signedOn    the day it was signed
 * @param decision    kind AGREEMENT, outcome SIGNED
 */
public record AgreementSigned(String projectId, String agreementId, String title, List<String> partyIds, LocalDate signedOn,
                              Decision decision) implements DecisionEvent {
}
