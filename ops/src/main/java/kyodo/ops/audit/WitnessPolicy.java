package kyodo.ops.audit;

import kyodo.query.audit.Cosignature;
import kyodo.query.audit.SignedNote;

import java.util.List;

/**
 * Which witnesses a verifier trusts and how many of them must have cosigned a checkpoint
 * (c2sp.org/tlog-cosignature; k of n, the policy tlog-proof suggests).
 *
 * @param witnesses the witnesses' cosignature verifier keys
 * @param required  how many of them must have cosigned
 */
public record WitnessPolicy(List<SignedNote.VerifierKey> witnesses, int required) {

    public WitnessPolicy {
        witnesses = List.copyOf(witnesses);
        if (required < 0 || required > witnesses.size()) {
            throw new IllegalArgumentException(required + " witnesses required of " + witnesses.size() + " given");
        }
    }

    /** No witnesses: nothing is required. */
    public static WitnessPolicy none() {
        return new WitnessPolicy(List.of(), 0);
    }

    /** Whether enough witnesses cosigned the note; adds a line saying which did, unless none were given. */
    boolean check(SignedNote note, List<String> lines) {
        if (witnesses.isEmpty()) {
            return true;
        }
        List<String> cosigned = witnesses.stream().filter(w -> Cosignature.verifies(note, w))
                .map(SignedNote.VerifierKey::name).toList();
        return PublicLogVerifier.report(lines, cosigned.size() >= required, cosigned.size() + " of "
                + witnesses.size() + " given witnesses cosigned it " + cosigned + ", " + required + " required");
    }
}
