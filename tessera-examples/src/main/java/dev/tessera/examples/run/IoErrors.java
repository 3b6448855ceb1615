package dev.tessera.examples.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Why a file could not be read or written, in words: Java's own messages often give only the path.
 * Here beside {@link Platforms} (which reads cost-model files) for the CLI and the sweep alike.
 */
public final class IoErrors {
    private IoErrors() {}

    /** The reason behind {@code e} (an IOException, or one wrapped unchecked), for {@code path}. */
    public static String reason(Throwable e, Path path) {
        Throwable io = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        if (io instanceof NoSuchFileException) return missing(path);
        if (io instanceof AccessDeniedException) return "permission denied";
        if (io instanceof NotDirectoryException) return "a file is in the way where a folder should be";
        if (io instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        String why = io.getMessage();
        return why == null || why.isBlank() ? io.getClass().getSimpleName() : why;
    }

    /** "no such file", and which folder is missing when that is why. */
    private static String missing(Path path) {
        if (path == null) return "no such file or folder";
        Path parent = path.toAbsolutePath().getParent();
        Path missing = null;
        for (Path p = parent; p != null && !Files.exists(p); p = p.getParent()) missing = p;
        if (missing != null) return "no such file: the folder " + missing + " does not exist";
        return Files.exists(path) ? "no such file or folder inside it" : "no such file (and none can be created there)";
    }

    /** For messages that have an IOException at hand. */
    public static String reason(IOException e, Path path) {
        return reason((Throwable) e, path);
    }
}
