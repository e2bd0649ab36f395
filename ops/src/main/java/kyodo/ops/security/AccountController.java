package kyodo.ops.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import kyodo.kernel.access.Actor;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.net.URI;
import java.util.List;

/**
 * Account administration for the local accounts (ADMIN only, enforced by the security edge):
 * create, list, reset a password, disable. Passwords are generated and shown once in the answer.
 */
@RestController
@RequestMapping("/api/admin/accounts")
@Tag(name = "accounts (ADMIN)")
class AccountController {

    private static final String ACCOUNT_IN_CONFIGURATION =
            "account-in-configuration: an account defined in the configuration is changed there";

    private final StaffAccounts accounts;
    private final Scheduler passwordHashing;

    AccountController(StaffAccounts accounts, Scheduler passwordHashing) {
        this.accounts = accounts;
        this.passwordHashing = passwordHashing;
    }

    /** A new account: an id (a staff number, never a name), a role, and a ward for ward-scoped roles. */
    record NewAccount(String username, String role, String ward) {
    }

    /** An account as listed: never its hash. */
    record AccountView(String username, String role, String ward, boolean enabled, String source) {

        static AccountView of(StaffAccount a) {
            Actor actor = a.actor();
            return new AccountView(actor.staffId(), actor.role().name(),
                    actor.ward() == null ? null : actor.ward().code(), a.enabled(),
                    a.fromConfiguration() ? "configuration" : "stored");
        }
    }

    /** The answer that shows a generated password, once. */
    record Credentials(String username, String role, String ward, String password) {
    }

    @Operation(operationId = "listAccounts",
            summary = "List the local accounts", description = "Configured and stored accounts; no password hashes.")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<AccountView>> list() {
        return Mono.fromCallable(() -> accounts.list().stream().map(AccountView::of).toList())
                .subscribeOn(passwordHashing);
    }

    @Operation(operationId = "createAccount", summary = "Create a staff account",
            description = "The password is generated and shown only in this answer. Roles: STAFF (ward or "
                    + "city-wide), WARD_HEAD (one ward), ADMIN and ANALYST (city-wide).")
    // a creation answers 201 with Location (a ResponseEntity springdoc cannot look into)
    @ApiResponse(responseCode = "201", description = "Created: the account and its generated password, shown once",
            headers = @Header(name = "Location", description = "the account's path", schema = @Schema(type = "string")),
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "account-exists: the account id is taken")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Credentials>> create(@RequestBody NewAccount account) {
        return Mono.fromCallable(() -> {
            String password = accounts.create(account.username(), account.role(), account.ward());
            return ResponseEntity.created(URI.create("/api/admin/accounts/" + account.username()))
                    .cacheControl(CacheControl.noStore())
                    .body(new Credentials(account.username(), account.role(), blankToNull(account.ward()), password));
        }).subscribeOn(passwordHashing);
    }

    @Operation(operationId = "resetAccountPassword",
            summary = "Give an account a new generated password (and enable it again)")
    @ApiResponse(responseCode = "200", description = "The account and its new password, shown once",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = ACCOUNT_IN_CONFIGURATION)
    @PostMapping(path = "/{username}/password-reset", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Credentials>> reset(@PathVariable String username) {
        return Mono.fromCallable(() -> {
            String password = accounts.resetPassword(username);
            StaffAccount account = accounts.find(username).orElseThrow();
            AccountView view = AccountView.of(account);
            return ResponseEntity.status(HttpStatus.OK).cacheControl(CacheControl.noStore())
                    .body(new Credentials(username, view.role(), view.ward(), password));
        }).subscribeOn(passwordHashing);
    }

    @Operation(operationId = "disableAccount", summary = "Disable an account: it can no longer sign in")
    @ApiResponse(responseCode = "200", description = "The account, disabled", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = ACCOUNT_IN_CONFIGURATION)
    @PostMapping(path = "/{username}/disable", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<AccountView> disable(@PathVariable String username) {
        return Mono.fromCallable(() -> {
            accounts.disable(username);
            return AccountView.of(accounts.find(username).orElseThrow());
        }).subscribeOn(passwordHashing);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
