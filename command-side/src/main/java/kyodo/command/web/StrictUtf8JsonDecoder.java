package kyodo.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.util.MimeType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON decoder of the command edge, refusing a body that is not well-formed UTF-8 (RFC 8259
 * §8.1). Jackson reads overlong forms such as {@code C0 AF} (a disguised '/') and surrogates encoded
 * as bytes without complaint, and would store whatever it made of them; here they are a 400.
 * Bodies that declare another Unicode charset are left to Jackson.
 */
final class StrictUtf8JsonDecoder extends Jackson2JsonDecoder {

    StrictUtf8JsonDecoder(ObjectMapper mapper) {
        super(mapper);
    }

    @Override
    public Object decode(DataBuffer dataBuffer, ResolvableType targetType, MimeType mimeType,
                         Map<String, Object> hints) throws DecodingException {
        byte[] bytes = new byte[dataBuffer.readableByteCount()];
        dataBuffer.read(bytes);
        DataBufferUtils.release(dataBuffer);
        if (mimeType == null || mimeType.getCharset() == null
                || StandardCharsets.UTF_8.equals(mimeType.getCharset())) {
            requireUtf8(bytes);
        }
        return super.decode(DefaultDataBufferFactory.sharedInstance.wrap(bytes), targetType, mimeType, hints);
    }

    static void requireUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new NotUtf8Exception();
        }
    }

    /** A body that is not well-formed UTF-8; answered as such, whatever the message says. */
    static final class NotUtf8Exception extends DecodingException {

        NotUtf8Exception() {
            super("The body is not valid UTF-8.");
        }
    }
}
