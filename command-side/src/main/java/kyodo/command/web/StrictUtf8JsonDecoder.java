package kyodo.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.util.MimeType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON decoder of the command edge, refusing a body that is not well-formed UTF-8 (RFC 8259
 * §8.1). Jackson reads overlong forms such as {@code C0 AF} (a disguised '/') and surrogates encoded
 * as bytes without complaint, and would store whatever it made of them; here they are a 400.
 * Bodies that declare another Unicode charset are left to Jackson.
 *
 * <p>The check reads the body's bytes where they are (the request's buffers, already joined and
 * bounded by the codec's size limit) without copying or decoding them to characters, and Jackson then
 * parses the same buffer: a command's body is read once by the check and once by the parser.
 */
final class StrictUtf8JsonDecoder extends Jackson2JsonDecoder {

    StrictUtf8JsonDecoder(ObjectMapper mapper) {
        super(mapper);
    }

    @Override
    public Object decode(DataBuffer dataBuffer, ResolvableType targetType, MimeType mimeType,
                         Map<String, Object> hints) throws DecodingException {
        if (mimeType == null || mimeType.getCharset() == null
                || StandardCharsets.UTF_8.equals(mimeType.getCharset())) {
            try {
                requireUtf8(dataBuffer);
            } catch (NotUtf8Exception e) {
                DataBufferUtils.release(dataBuffer);
                throw e;
            }
        }
        return super.decode(dataBuffer, targetType, mimeType, hints);
    }

    /** The buffer's readable bytes, left unread (its read position does not move). */
    static void requireUtf8(DataBuffer buffer) {
        Utf8Check check = new Utf8Check();
        try (DataBuffer.ByteBufferIterator parts = buffer.readableByteBuffers()) {
            while (parts.hasNext()) {
                check.feed(parts.next());
            }
        }
        check.end();
    }

    /**
     * Well-formed UTF-8 as the Unicode standard's table 3-7 lists it (what Java's own decoder accepts
     * when told to report malformed input): no overlong forms, no surrogates, nothing above U+10FFFF,
     * no sequence cut short. Fed in parts, so a character may span two of the request's buffers.
     */
    static final class Utf8Check {

        /** Continuation bytes still expected for the current character. */
        private int pending;
        /** The range the next continuation byte must be in (the second byte's is narrower for some leads). */
        private int low = 0x80;
        private int high = 0xBF;

        void feed(ByteBuffer part) {
            for (int i = part.position(), end = part.limit(); i < end; i++) {
                int b = part.get(i) & 0xFF;
                if (pending > 0) {
                    if (b < low || b > high) {
                        throw new NotUtf8Exception();
                    }
                    pending--;
                    low = 0x80;
                    high = 0xBF;
                } else if (b >= 0x80) {
                    lead(b);
                }
            }
        }

        private void lead(int b) {
            if (b >= 0xC2 && b <= 0xDF) {
                pending = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                pending = 2;
                if (b == 0xE0) {
                    low = 0xA0; // shorter forms are overlong
                } else if (b == 0xED) {
                    high = 0x9F; // ED A0..BF would be a surrogate
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                pending = 3;
                if (b == 0xF0) {
                    low = 0x90; // shorter forms are overlong
                } else if (b == 0xF4) {
                    high = 0x8F; // beyond U+10FFFF
                }
            } else {
                // 80..BF without a lead, C0 and C1 (always overlong), F5..FF
                throw new NotUtf8Exception();
            }
        }

        void end() {
            if (pending > 0) {
                throw new NotUtf8Exception();
            }
        }
    }

    /** A body that is not well-formed UTF-8; answered as such, whatever the message says. */
    static final class NotUtf8Exception extends DecodingException {

        NotUtf8Exception() {
            super("The body is not valid UTF-8.");
        }
    }
}
