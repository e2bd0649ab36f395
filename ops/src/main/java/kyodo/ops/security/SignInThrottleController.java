package kyodo.ops.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The sign-in throttle as an administrator sees it (ADMIN only, enforced by the security edge): which
 * account ids and addresses are being slowed down after failed sign-ins, and clearing them, e.g. for a
 * member of staff who mistyped their password too often, or an office address after an attack ended.
 */
@RestController
@RequestMapping("/api/admin/sign-in-throttles")
@Tag(name = "accounts (ADMIN)")
class SignInThrottleController {

    private final SignInThrottles throttles;

    SignInThrottleController(SignInThrottles throttles) {
        this.throttles = throttles;
    }

    /** @param cleared how many counters were cleared */
    record Cleared(int cleared) {
    }

    @Operation(operationId = "listSignInThrottles", summary = "List the sign-in throttles",
            description = "Counters of failed password sign-ins per account id and address, and per address, "
                    + "most failures first. An entry with slowedUntil refuses attempts (429) until then.")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<SignInThrottles.ThrottleView>> list(@RequestParam(name = "limit", defaultValue = "100") int limit) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(throttles.list(limit));
    }

    @Operation(operationId = "clearSignInThrottles", summary = "Clear sign-in throttles",
            description = "account and address: that pair; account only: the account at every address; "
                    + "address only: the address and every account at it. At least one is required.")
    @DeleteMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Cleared clear(@RequestParam(name = "account", required = false) String account,
                  @RequestParam(name = "address", required = false) String address) {
        return new Cleared(throttles.clear(account, address));
    }
}
