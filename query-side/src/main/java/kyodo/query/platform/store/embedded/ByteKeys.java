package kyodo.query.platform.store.embedded;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Byte strings in unsigned lexicographic order, as MVMap keys (and as the empty value of an index entry). */
final class ByteKeys extends BasicDataType<byte[]> {

    static final ByteKeys INSTANCE = new ByteKeys();
    static final byte[] NONE = new byte[0];

    private ByteKeys() {
    }

    @Override
    public int getMemory(byte[] value) {
        return value.length + 24;
    }

    @Override
    public void write(WriteBuffer buffer, byte[] value) {
        buffer.putVarInt(value.length).put(value);
    }

    @Override
    public byte[] read(ByteBuffer buffer) {
        int length = DataUtils.readVarInt(buffer);
        if (length == 0) {
            return NONE;
        }
        byte[] value = new byte[length];
        buffer.get(value);
        return value;
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }
}
