package kyodo.ops.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How the export writes a file: in full beside its place, then moved there, so a reader never sees half a file. */
public final class ExportFiles {

    private ExportFiles() {
    }

    /** What writes one file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    public static void write(Path target, Content content) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            content.writeTo(out);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code sha256:} and the hex SHA-256 of the file, as a data package states a resource's hash. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** The resource of a file just written: its size and hash read back from the disk. */
    public static TableResource resource(Path file, String name, String description, String source, long rows,
                                         java.util.List<TableField> fields, String primaryKey) throws IOException {
        return new TableResource(name, file.getFileName().toString(), description, source, rows, Files.size(file),
                sha256(file), fields, primaryKey);
    }
}
