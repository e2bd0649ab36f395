package kyodo.ops.resident;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import kyodo.command.web.validation.PlainText;

/**
 * Residents' forms as checked records: the same bean-validation constraints as the JSON API's bodies,
 * so a field is refused with the same words. Personal data never prints.
 */
final class ResidentForms {

    private ResidentForms() {
    }

    /** Sign-up: the address the code goes to, the name staff will see on proposals, a password. */
    record SignUp(@NotBlank @Email @Size(max = 254) String email,
                  @NotBlank @Size(max = 200) @PlainText String name,
                  @NotBlank @Size(min = 12, max = 200) String password) {
        @Override
        public String toString() {
            return "SignUp[personal data]";
        }
    }

    /** The mailed code, with the address it was sent to. */
    record Confirmation(@NotBlank @Email @Size(max = 254) String email,
                        @NotBlank @Size(max = 32) String code) {
        @Override
        public String toString() {
            return "Confirmation[personal data]";
        }
    }

    /** The code staff handed over at the counter. */
    record Verification(@NotBlank @Size(max = 32) String code) {
        @Override
        public String toString() {
            return "Verification[code]";
        }
    }

    /** What staff type at the counter: the ward and the identity document's stable identifier. */
    record CounterCode(@NotBlank String ward, @NotBlank @Size(min = 4, max = 64) String documentId) {
        @Override
        public String toString() {
            return "CounterCode[" + ward + "]";
        }
    }
}
