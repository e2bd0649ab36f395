package kyodo.ops.resident;

import java.io.Serializable;

/**
 * A signed-in resident, as their session holds them: the account id only (no role of staff, no name),
 * read afresh from the store on every page, so a deleted account ends every session of it.
 */
record ResidentPrincipal(String accountId) implements Serializable {
}
