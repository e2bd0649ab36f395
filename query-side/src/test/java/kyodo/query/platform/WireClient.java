package kyodo.query.platform;

import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client that speaks the MongoDB wire protocol by hand (OP_MSG and the legacy OP_QUERY), for
 * sending what the official driver never would.
 */
final class WireClient implements AutoCloseable {

    private static final int OP_REPLY = 1;
    private static final int OP_QUERY = 2004;
    private static final int OP_MSG = 2013;

    /** A legacy reply: its flags and documents. */
    record Reply(int flags, List<BsonDocument> documents) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private int requestId;

    WireClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
    }

    /** Sends an OP_MSG with this body; the body of the answer. */
    BsonDocument command(BsonDocument body) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(le(0));
        payload.write(0);
        payload.write(bytes(body));
        send(OP_MSG, payload.toByteArray());
        ByteBuffer reply = receive(OP_MSG);
        reply.getInt();
        reply.get();
        return document(reply);
    }

    /** Sends an OP_QUERY on a namespace ({@code db.$cmd} for a command, {@code db.collection} for a legacy find). */
    Reply query(String namespace, BsonDocument query) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(le(0));
        payload.write(namespace.getBytes(StandardCharsets.UTF_8));
        payload.write(0);
        payload.write(le(0));
        payload.write(le(-1));
        payload.write(bytes(query));
        send(OP_QUERY, payload.toByteArray());
        ByteBuffer reply = receive(OP_REPLY);
        int flags = reply.getInt();
        reply.getLong();
        reply.getInt();
        int count = reply.getInt();
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            documents.add(document(reply));
        }
        return new Reply(flags, documents);
    }

    /** Whether the server closed the connection (waits for it up to the socket timeout). */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    private void send(int opCode, byte[] payload) throws IOException {
        ByteBuffer message = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        message.putInt(16 + payload.length).putInt(++requestId).putInt(0).putInt(opCode).put(payload);
        socket.getOutputStream().write(message.array());
        socket.getOutputStream().flush();
    }

    private ByteBuffer receive(int expectedOpCode) throws IOException {
        byte[] lengthBytes = new byte[4];
        try {
            in.readFully(lengthBytes);
        } catch (EOFException e) {
            throw new IOException("the server closed the connection", e);
        }
        int length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] rest = new byte[length - 4];
        in.readFully(rest);
        ByteBuffer message = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
        message.getInt();
        int responseTo = message.getInt();
        int opCode = message.getInt();
        if (responseTo != requestId || opCode != expectedOpCode) {
            throw new IOException("unexpected reply: opCode " + opCode + " to " + responseTo);
        }
        return message;
    }

    private static BsonDocument document(ByteBuffer buffer) {
        int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new RawBsonDocument(bytes).toBsonDocument();
    }

    private static byte[] bytes(BsonDocument document) {
        BasicOutputBuffer out = new BasicOutputBuffer();
        new BsonDocumentCodec().encode(new BsonBinaryWriter(out), document, EncoderContext.builder().build());
        return out.toByteArray();
    }

    private static byte[] le(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
