package kyodo.kernel.problem;

/**
 * Anything that stands for a {@link ProblemType}: the type itself, or a constant of a feature's
 * problem catalog (an enum whose rows are read by {@link ProblemCatalog}).
 */
public interface ProblemKind {

    /** The problem type: slug, status and titles. */
    ProblemType type();
}
