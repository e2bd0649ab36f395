package kyodo.command.personal.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import kyodo.command.personal.PersonalDataErasure;
import kyodo.kernel.access.Actor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;

/** ADMIN operations on a data subject's personal data. */
@RestController
@RequestMapping("/api/personal-data")
@Tag(name = "personal data (ADMIN)")
class PersonalDataController {

    private final PersonalDataErasure erasure;

    PersonalDataController(PersonalDataErasure erasure) {
        this.erasure = erasure;
    }

    @Operation(operationId = "erasePersonalData", summary = "Forget a person (crypto-shredding)",
            description = "Destroys the subject's key: every view shows 削除済み / erased from then on, and no "
                    + "replay can recover the data. Idempotent.")
    @PostMapping(path = "/{subjectId}/erasure", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Erased> erase(@PathVariable String subjectId, Actor actor) {
        return erasure.erase(subjectId, actor).map(erasedAt -> new Erased(subjectId, erasedAt));
    }

    /** The answer: whose data, erased when. */
    record Erased(String subjectId, Instant erasedAt) {
    }
}
