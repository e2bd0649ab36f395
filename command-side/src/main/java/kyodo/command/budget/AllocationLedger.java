package kyodo.command.budget;

/**
 * What the budget needs to know of the project side, from the event store: whether a project
 * recorded a given allocation.
 */
public interface AllocationLedger {

    boolean projectRecorded(String projectId, String allocationId);
}
