package kyodo.kernel.project;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;

/** The id of a ward's budget for a fiscal year: {@code saiwai-2025}. */
public final class WardBudgetId {

    private WardBudgetId() {
    }

    public static String of(Ward ward, FiscalYear fiscalYear) {
        return ward.code() + "-" + fiscalYear.startYear();
    }
}
