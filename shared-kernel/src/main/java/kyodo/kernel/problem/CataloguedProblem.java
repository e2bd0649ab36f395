package kyodo.kernel.problem;

/**
 * A constant of a feature's problem catalog: the feature's enum implements this and holds nothing
 * but names; each name's slug, status and titles are its row in the table beside the enum
 * ({@link ProblemCatalog}).
 */
public interface CataloguedProblem extends ProblemKind {

    /** The constant's name, its key in the table. */
    String name();

    @Override
    default ProblemType type() {
        return ProblemCatalog.typeOf(this);
    }
}
