package kyodo.ops.resident;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.query.web.Blocking;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * What the features built on residents' accounts (follows and notifications, issue 17) may use of
 * them, in one place: the signed-in resident, a resident's address and language for mail (opened
 * with their key, so nothing once the account is deleted), the signature of the links mailed to them,
 * and the resident pages' layout. The accounts themselves stay inside this package.
 */
@Component
public class ResidentDirectory {

    private final ResidentDesk desk;
    private final ResidentAccounts accounts;
    private final ResidentSecrets secrets;

    ResidentDirectory(ResidentDesk desk, ResidentAccounts accounts, ResidentSecrets secrets) {
        this.desk = desk;
        this.accounts = accounts;
        this.secrets = secrets;
    }

    /** Where a resident's mail goes, in their language ({@code ja} or {@code en}). */
    public record Recipient(String email, String language) {
        @Override
        public String toString() {
            return "Recipient[personal data]";
        }
    }

    /** The signed-in resident's account, read afresh (a deleted account is signed out). */
    public Mono<ResidentAccount> signedIn() {
        return ResidentView.accountId().flatMap(id -> Blocking.read(() -> desk.account(id)
                .orElseThrow(() -> new KyodoProblemException(
                        CommonProblems.UNAUTHENTICATED, "The account no longer exists."))));
    }

    /**
     * The mail recipient behind a data subject: empty when no account has it (deleted) or its key was
     * erased. Blocking.
     */
    public Optional<Recipient> recipient(String subjectId) {
        return accounts.findBySubject(subjectId).filter(ResidentAccount::confirmed)
                .flatMap(account -> desk.profile(account).map(p -> new Recipient(p.email(), account.language())));
    }

    /** The signature of a link mailed to a resident (HMAC-SHA-256 under a city secret kept with the others). */
    public String sign(String link) {
        return secrets.linkSignature(link);
    }

    /** Whether {@code signature} is that of the link, compared in constant time. */
    public boolean signed(String link, String signature) {
        return signature != null && MessageDigest.isEqual(
                sign(link).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** A resident page ({@code templates/resident/<template>}) with the layout's model. */
    public static Mono<Rendering> page(ServerWebExchange exchange, String template, String self, Map<String, ?> model,
                                       HttpStatus status) {
        return ResidentView.page(exchange, template, self, model, status);
    }

    /** A form's values, the first of each. */
    public static Mono<Map<String, String>> form(ServerWebExchange exchange) {
        return ResidentView.form(exchange);
    }
}
