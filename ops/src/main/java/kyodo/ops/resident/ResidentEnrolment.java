package kyodo.ops.resident;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A resident's way from nothing to a verified resident of a ward, in this process, through the same
 * steps and rules as the pages and the console (issue 17): the sign-up form's checks and limits, the
 * confirmation code (handed over in process rather than read from a mailbox), a counter code issued by
 * staff of the ward and entered by the resident, then supports sent as any resident's. Used by the demo
 * load ({@code kyodo.ops.demo}); nothing here skips a rule or stores anything the steps do not.
 */
@Component
public class ResidentEnrolment {

    private final ResidentDesk desk;
    private final CounterCodes counterCodes;
    private final ResidentSupports supports;
    private final Validator validator;

    ResidentEnrolment(ResidentDesk desk, CounterCodes counterCodes, ResidentSupports supports, Validator validator) {
        this.desk = desk;
        this.counterCodes = counterCodes;
        this.supports = supports;
        this.validator = validator;
    }

    /**
     * Who signs up: the sign-up form's fields, the language of their mail, the ward whose office verifies
     * them and their identity document's number (kept only as its keyed pseudonym).
     */
    public record Newcomer(String email, String name, String password, String language, Ward ward,
                           String documentId) {
        @Override
        public String toString() {
            return "Newcomer[" + ward.code() + "]";
        }
    }

    /** The verified account, and whether this call signed it up (false: it existed, confirmed). */
    public record Enrolled(ResidentAccount account, boolean signedUp) {
    }

    /** The account of that address, if one exists. Blocking. */
    public Optional<ResidentAccount> find(String email) {
        return desk.accountByEmail(email);
    }

    /**
     * Takes the steps the person has not taken yet: signs up and confirms the address (an unconfirmed
     * account is replaced, as a new sign-up does), then has {@code counterStaff} issue a counter code for
     * the document and enters it. Blocking.
     *
     * @param clientAddress what the limits count the attempts under
     * @throws IllegalArgumentException when the form's checks refuse a field (named, never its value)
     * @throws kyodo.kernel.problem.KyodoProblemException when a step is refused, as on the pages
     */
    public Enrolled enrol(Newcomer newcomer, Actor counterStaff, String clientAddress) {
        Optional<ResidentAccount> found = desk.accountByEmail(newcomer.email());
        boolean signUp = found.isEmpty() || !found.get().confirmed();
        if (signUp) {
            ResidentForms.SignUp form = new ResidentForms.SignUp(newcomer.email(), newcomer.name(), newcomer.password());
            Set<ConstraintViolation<ResidentForms.SignUp>> refused = validator.validate(form);
            if (!refused.isEmpty()) {
                throw new IllegalArgumentException("the sign-up form refuses " + refused.stream()
                        .map(v -> v.getPropertyPath().toString()).sorted().collect(Collectors.joining(", ")));
            }
            AtomicReference<String> code = new AtomicReference<>();
            desk.signUp(form, newcomer.language(), clientAddress, code::set);
            if (code.get() == null) {
                throw new IllegalStateException("a concurrent sign-up with the same address won");
            }
            desk.confirm(newcomer.email(), code.get(), clientAddress);
        }
        ResidentAccount account = desk.accountByEmail(newcomer.email()).orElseThrow();
        if (!account.verified()) {
            CounterCodes.Issued issued = counterCodes.issue(newcomer.ward(), newcomer.documentId(), counterStaff);
            desk.verify(account.id(), issued.code(), clientAddress);
            account = desk.account(account.id()).orElseThrow();
        }
        return new Enrolled(account, signUp);
    }

    /** The resident supports the proposal of that ward, as the support page's form does; answers its new version. */
    public Mono<Long> support(ResidentAccount account, String proposalId, Ward proposalWard) {
        return supports.support(account, proposalId, proposalWard);
    }
}
