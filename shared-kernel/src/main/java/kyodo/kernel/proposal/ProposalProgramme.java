package kyodo.kernel.proposal;

/**
 * The programme a proposal arrives through (seeds: 幸区提案型協働推進事業 and other citizen-proposal
 * schemes, the suggestion box 目安箱, まちのひろば model projects).
 */
public enum ProposalProgramme {
    /** A ward's citizen-proposal collaboration programme (提案型協働推進事業). */
    CITIZEN_PROPOSAL(false),
    /** The suggestion box (目安箱). */
    SUGGESTION_BOX(false),
    /** まちのひろば model projects: vacant spaces, social experiments, new initiatives, open to the whole city. */
    MACHI_NO_HIROBA(true),
    /** Anything else the ward office receives. */
    OTHER(false);

    private final boolean cityWideSupport;

    ProposalProgramme(boolean cityWideSupport) {
        this.cityWideSupport = cityWideSupport;
    }

    /**
     * Who may support a proposal of this programme (issue 17): verified residents of any ward when
     * true (a city-wide programme), else only verified residents of the proposal's own ward.
     */
    public boolean cityWideSupport() {
        return cityWideSupport;
    }
}
