package kyodo.command.web;

import kyodo.command.sending.AggregateCommands;

/** A request body that stands for one command on its subject (a proposal, a meeting, a project). */
public interface ToCommand {

    /** The command, given the subject's id, the expected version, the time and the acting staff. */
    AggregateCommands.OnSubject command();
}
