package kyodo.command.access;

import kyodo.kernel.Ward;

/**
 * A command that creates a subject of a ward (a proposal, a meeting, a project, a ward budget): the
 * sender's ward scope must cover that ward before anything exists to check it against.
 */
public interface WardTargeted {

    /** The ward of the subject it creates, or null for a city-wide one. */
    Ward ward();
}
