package kyodo.command.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.net.URI;

/**
 * The answer to every command: {@code {id, version}} with the version as a strong ETag; 201 and
 * {@code Location} for a creation, 200 otherwise.
 *
 * @param id      the aggregate's id
 * @param version the aggregate's version after the command
 */
public record CommandAnswer(String id, long version) {

    public static ResponseEntity<CommandAnswer> created(String collectionPath, String id, long version) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create(collectionPath + "/" + id))
                .eTag(etag(version))
                .body(new CommandAnswer(id, version));
    }

    public static ResponseEntity<CommandAnswer> ok(String id, long version) {
        return withEtag(version, new CommandAnswer(id, version));
    }

    /** 200 with an answer of the caller's shape (e.g. with the id of what was added) and the version as ETag. */
    public static <T> ResponseEntity<T> withEtag(long version, T body) {
        return ResponseEntity.ok().eTag(etag(version)).body(body);
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
