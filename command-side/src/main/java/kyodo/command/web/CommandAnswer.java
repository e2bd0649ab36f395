package kyodo.command.web;

import org.springframework.http.HttpHeaders;
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
        return ResponseEntity.ok().eTag(etag(version)).body(new CommandAnswer(id, version));
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Headers only, for callers that build their own answer. */
    public static HttpHeaders etagHeader(long version) {
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(etag(version));
        return headers;
    }
}
