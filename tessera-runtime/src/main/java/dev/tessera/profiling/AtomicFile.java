package dev.tessera.profiling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes an output file so that it is either whole or absent: the content goes to a temporary
 * file in the same folder, which then replaces the target in one rename. A full disk, a crash or
 * an exception half way leaves the previous file (or none) and no temporary behind, never a
 * truncated trace that a viewer would fail to open.
 */
public final class AtomicFile {
    /** U+FFFD in UTF-8: what an unpaired UTF-16 surrogate becomes in a text file. */
    private static final byte[] REPLACEMENT = "\uFFFD".getBytes(StandardCharsets.UTF_8);

    /** Writes the temporary file, whose path it is given; it may replace or truncate that file. */
    @FunctionalInterface
    public interface Body {
        void write(Path temporary) throws IOException;
    }

    private AtomicFile() {}

    /** Writes {@code file} through {@code body}; throws {@link UncheckedIOException} naming the file if anything fails. */
    public static void write(Path file, Body body) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            // A rename would replace an empty folder: refuse it as writing into it would have been.
            if (Files.isDirectory(target)) throw new FileSystemException(file.toString(), null, "is a folder");
            tmp = createTemporary(dir, target.getFileName().toString());
            body.write(tmp);
            move(tmp, target);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            if (tmp != null) deleteQuietly(tmp);
        }
    }

    /**
     * Writes {@code text} as UTF-8. An unpaired surrogate (a name cut in the middle of a pair, say)
     * cannot be encoded; it becomes U+FFFD instead of failing the whole file.
     */
    public static void writeText(Path file, CharSequence text) {
        write(file, tmp -> Files.write(tmp, utf8(text)));
    }

    /** UTF-8 bytes of {@code text}, each unpaired surrogate replaced by U+FFFD. */
    static byte[] utf8(CharSequence text) {
        CharsetEncoder encoder = StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(REPLACEMENT);
        try {
            ByteBuffer b = encoder.encode(CharBuffer.wrap(text));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing encoder reported " + e, e);
        }
    }

    /**
     * A new empty file beside the target, named {@code .NAME.RANDOM.tmp}. Created with the default
     * permissions (unlike {@code Files.createTempFile}, which makes it private), since it becomes
     * the output itself.
     */
    private static Path createTemporary(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                        .close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) throw e;
            }
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the original error is the one to report; a stray temporary is all that is left
        }
    }
}
