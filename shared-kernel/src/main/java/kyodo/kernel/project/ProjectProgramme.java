package kyodo.kernel.project;

/** How a project is run (seeds 001, 004). */
public enum ProjectProgramme {
    /** 協働型事業: run jointly by the city and its partners. */
    COLLABORATIVE,
    /** 地域課題対応事業: ward-led local-issue projects on the ward's budget. */
    WARD_LOCAL_ISSUE,
    /** まちのひろば model projects. */
    MACHI_NO_HIROBA
}
