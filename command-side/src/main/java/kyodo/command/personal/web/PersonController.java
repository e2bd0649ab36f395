package kyodo.command.personal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import kyodo.command.personal.PersonLookup;
import kyodo.command.personal.PersonalDataErasure;
import kyodo.command.web.validation.PlainText;
import kyodo.kernel.access.Actor;
import kyodo.kernel.personal.IndexedSubject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/**
 * ADMIN operations on a person, found by contact through the keyed blind index (ADR 3): which
 * records are theirs, and erasing all of them at once. No answer repeats the contact.
 */
@RestController
@RequestMapping("/api/admin/persons")
@Tag(name = "personal data (ADMIN)")
class PersonController {

    private final PersonLookup lookup;
    private final PersonalDataErasure erasure;

    PersonController(PersonLookup lookup, PersonalDataErasure erasure) {
        this.lookup = lookup;
        this.erasure = erasure;
    }

    @Operation(operationId = "findPerson", summary = "Find every record of a person by contact",
            description = "The contact (e-mail, phone or address) is compared by a keyed hash of its normalised "
                    + "form; it is neither stored nor echoed. A person already erased is not found. A POST with the "
                    + "contact in its body, so that no URL (access log, proxy, browser history) ever holds it.")
    @PostMapping(path = "/lookup", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Person> find(@Valid @RequestBody Contact body, Actor actor) {
        return lookup.find(body.contact(), actor).map(subjects -> new Person(subjects.stream()
                .map(s -> subject(s, null)).toList()));
    }

    @Operation(operationId = "erasePerson", summary = "Erase a person across every record (crypto-shredding)",
            description = "Destroys the key of every subject of the person: one PersonalDataErased per subject. "
                    + "Afterwards the person is not found by that contact any more, so erasing again answers 404.")
    @ApiResponse(responseCode = "200", description = "The records erased, each with erasedAt", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "not-found: no record of a person with that contact (also one "
            + "already erased)")
    @PostMapping(path = "/erasure", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Person> erase(@Valid @RequestBody Contact body, Actor actor) {
        return erasure.erasePerson(body.contact(), actor).map(erased -> new Person(erased.stream()
                .map(e -> subject(e.subject(), e.erasedAt())).toList()));
    }

    private static Subject subject(IndexedSubject s, Instant erasedAt) {
        return new Subject(s.subjectId(), s.type(), s.recordId(), erasedAt);
    }

    /** Whom to find or erase. */
    record Contact(@Schema(description = "personal data: compared by its keyed hash, never stored")
                   @NotBlank @Size(max = 500) @PlainText String contact) {

        @Override
        public String toString() {
            return "Contact[personal data]";
        }
    }

    /** A person's records, without anything personal. */
    record Person(List<Subject> subjects) {
    }

    /**
     * One record of the person.
     *
     * @param type     {@code proposal}: {@code recordId} is the proposal's id
     * @param erasedAt when its key was destroyed; only in the answer to an erasure
     */
    record Subject(String subjectId, String type, String recordId,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Instant erasedAt) {
    }
}
