package kyodo.ops.security;

import kyodo.kernel.access.Actor;

/**
 * A local account: who it signs in as, and its BCrypt password hash. Never holds a name: the
 * account id is a staff number or similar.
 *
 * @param actor        the account id, role and ward scope
 * @param passwordHash BCrypt hash
 * @param enabled      false once an administrator disabled it
 * @param fromConfiguration whether it is defined in configuration (then it can't be changed through the API)
 */
public record StaffAccount(Actor actor, String passwordHash, boolean enabled, boolean fromConfiguration) {

    public String username() {
        return actor.staffId();
    }
}
