package kyodo.kernel.problem;

import java.util.Arrays;
import java.util.Map;

/**
 * A problem as it goes on the wire: the status, the headers that describe the body
 * ({@code Content-Type}, {@code Content-Language}, {@code Retry-After} when the problem names a wait)
 * and the JSON bytes. The web adapters of both sides and the security edge only copy it out.
 *
 * @param headers in the order they are to be set; never modified
 */
public record RenderedProblem(int status, Map<String, String> headers, byte[] json) {

    public RenderedProblem {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        json = json.clone();
    }

    @Override
    public byte[] json() {
        return json.clone();
    }

    /** Same status, same headers, same bytes. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RenderedProblem that && status == that.status && headers.equals(that.headers)
                && Arrays.equals(json, that.json);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * status + headers.hashCode()) + Arrays.hashCode(json);
    }

    @Override
    public String toString() {
        return status + " " + headers + " " + new String(json, java.nio.charset.StandardCharsets.UTF_8);
    }
}
