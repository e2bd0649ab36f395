package kyodo.command.proposal;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The limits a proposal's content must respect, enforced by the aggregate whatever the edge
 * checked before (a command can arrive from elsewhere than the HTTP API).
 */
final class ProposalRules {

    static final int TITLE_MAX = 200;
    static final int BODY_MAX = 20_000;
    static final int THEMES_MAX = 10;
    static final int THEME_MAX = 50;

    private ProposalRules() {
    }

    static void requireSubmittable(SubmitProposal c) {
        List<FieldViolation> errors = new ArrayList<>();
        if (c.ward() == null) {
            errors.add(new FieldViolation("ward", "required"));
        }
        requireText(errors, "title", c.title(), TITLE_MAX);
        requireText(errors, "body", c.body(), BODY_MAX);
        if (c.themes() == null || c.themes().isEmpty() || c.themes().size() > THEMES_MAX) {
            errors.add(new FieldViolation("themes", "1 to " + THEMES_MAX + " themes"));
        } else {
            for (int i = 0; i < c.themes().size(); i++) {
                requireText(errors, "themes[" + i + "]", c.themes().get(i), THEME_MAX);
            }
        }
        if (c.programme() == null) {
            errors.add(new FieldViolation("programme", "required"));
        }
        if (c.channel() == null) {
            errors.add(new FieldViolation("channel", "required"));
        }
        if (c.proposer() == null) {
            errors.add(new FieldViolation("proposer", "required"));
        }
        if (c.submittedAt() == null) {
            errors.add(new FieldViolation("submittedAt", "required"));
        }
        if (!errors.isEmpty()) {
            throw new KyodoProblemException(CommonProblems.INVALID_INPUT, "The proposal is incomplete.", errors,
                    Map.of());
        }
    }

    private static void requireText(List<FieldViolation> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldViolation(field, "required"));
        } else if (value.strip().length() > max) {
            errors.add(new FieldViolation(field, "at most " + max + " characters"));
        }
    }
}
