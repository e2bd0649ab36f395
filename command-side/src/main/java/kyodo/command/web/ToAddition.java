package kyodo.command.web;

/**
 * A request body that adds something to its subject (a meeting's opinion or resolution, a project's partner,
 * agreement or expenditure) under the id it is given.
 */
public interface ToAddition {

    /** The command, given the subject's id, the added thing's id, the expected version, the time and the staff. */
    CommandEdge.Adding command();
}
