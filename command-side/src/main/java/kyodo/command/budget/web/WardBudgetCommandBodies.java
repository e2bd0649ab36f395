package kyodo.command.budget.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import kyodo.command.budget.SetEnvelope;
import kyodo.command.sending.AggregateCommands;
import kyodo.command.web.validation.Limits;
import kyodo.command.web.validation.PlainText;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;

/**
 * Bodies of the ward budget commands (docs/api.md), each with the command it stands for. Public: the staff
 * console (ops) validates its envelope form as this body and sends its command, as the JSON API does.
 */
public final class WardBudgetCommandBodies {

    private WardBudgetCommandBodies() {
    }

    /** The envelope of a ward's budget for a fiscal year, with the public reason of the decision. */
    public record Envelope(@NotNull @Min(0) @Max(Limits.MAX_YEN) Long envelopeYen,
                           @NotBlank @Size(max = 5000) @PlainText String reason) {

        /** The command on the budget of that ward and year, given its id, the expected version, the time, the staff. */
        public AggregateCommands.OnSubject command(Ward ward, FiscalYear year) {
            return (id, v, at, by) -> new SetEnvelope(id, v, ward, year, Yen.of(envelopeYen), AggregateCommands.newId(),
                    reason, at, by);
        }
    }
}
