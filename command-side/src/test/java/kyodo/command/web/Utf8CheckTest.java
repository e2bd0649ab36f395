package kyodo.command.web;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command edge's UTF-8 check, which reads the body in place, accepts exactly what Java's own
 * decoder accepts when told to report malformed input (what the edge used before it read in place),
 * also when a character spans two of the request's buffers.
 */
class Utf8CheckTest {

    private static final int[] EDGES = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
            0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};

    /** A fourth byte: ASCII, the continuation range's ends, a lead. */
    private static final int[] LAST = {0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xE3};

    @Test
    void everyOneAndTwoByteSequenceIsJudgedAsJavasDecoderJudgesIt() {
        for (int a = 0; a < 256; a++) {
            assertSameVerdict(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                assertSameVerdict(new byte[] {(byte) a, (byte) b});
            }
        }
    }

    @Test
    void threeAndFourByteSequencesAreJudgedAsJavasDecoderJudgesThem() {
        for (int a = 0xE0; a < 256; a++) {
            for (int b = 0x80; b <= 0xBF; b++) {
                for (int c : EDGES) {
                    assertSameVerdict(new byte[] {(byte) a, (byte) b, (byte) c});
                    for (int d : LAST) {
                        assertSameVerdict(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
                    }
                }
            }
            for (int b : EDGES) {
                assertSameVerdict(new byte[] {(byte) a, (byte) b, (byte) 0x80});
                assertSameVerdict(new byte[] {(byte) a, (byte) b, (byte) 0x80, (byte) 0x80});
            }
        }
    }

    @Test
    void aCharacterSplitBetweenTwoBuffersIsReadAsOne() {
        byte[] text = "{\"t\": \"駐輪場 𠮷\"}".getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= text.length; split++) {
            assertThat(verdictInTwoParts(text, split)).as("split at %d", split).isTrue();
        }
        byte[] cut = {'"', (byte) 0xE9, (byte) 0xA7};
        for (int split = 0; split <= cut.length; split++) {
            assertThat(verdictInTwoParts(cut, split)).as("cut short, split at %d", split).isFalse();
        }
    }

    @Test
    void theBufferIsLeftUnread() {
        DataBuffer buffer = DefaultDataBufferFactory.sharedInstance.wrap("{\"t\": \"駐輪場\"}".getBytes(StandardCharsets.UTF_8));
        int before = buffer.readPosition();

        StrictUtf8JsonDecoder.requireUtf8(buffer);

        assertThat(buffer.readPosition()).isEqualTo(before);
    }

    private static boolean verdictInTwoParts(byte[] bytes, int split) {
        CompositeByteBuf composite = ByteBufAllocator.DEFAULT.compositeBuffer();
        composite.addComponent(true, Unpooled.wrappedBuffer(bytes, 0, split));
        composite.addComponent(true, Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
        DataBuffer buffer = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT).wrap(composite);
        try {
            StrictUtf8JsonDecoder.requireUtf8(buffer);
            return true;
        } catch (StrictUtf8JsonDecoder.NotUtf8Exception e) {
            return false;
        } finally {
            composite.release();
        }
    }

    private final CharsetDecoder javas = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    private void assertSameVerdict(byte[] bytes) {
        boolean java;
        try {
            javas.reset().decode(ByteBuffer.wrap(bytes));
            java = true;
        } catch (CharacterCodingException e) {
            java = false;
        }
        boolean ours;
        try {
            StrictUtf8JsonDecoder.requireUtf8(DefaultDataBufferFactory.sharedInstance.wrap(bytes));
            ours = true;
        } catch (StrictUtf8JsonDecoder.NotUtf8Exception e) {
            ours = false;
        }
        if (ours != java) {
            throw new AssertionError("verdicts differ on " + HexFormat.ofDelimiter(" ").formatHex(bytes)
                    + ": Java's decoder " + java + ", the edge's check " + ours);
        }
    }
}
