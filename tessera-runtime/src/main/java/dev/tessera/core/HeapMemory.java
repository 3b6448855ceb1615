package dev.tessera.core;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * Where a ring's output heap comes from. {@code Arena.allocate} zeroes what it returns, which
 * touches every page: 64–256 MiB per ring, about a second of page faults on a busy VM, paid on
 * every run even when the kernels write a few tiles or, with {@code --no-compute}, nothing. On
 * Linux this maps the heap as anonymous memory instead: the kernel hands out zero pages only when
 * they are first touched, so the heap reads the same (all zeros) and costs what is used.
 *
 * <p>{@code mmap} is called through the FFM API, which a JVM allows when native access is enabled
 * for this code ({@code --enable-native-access=ALL-UNNAMED}: the launcher, the CLI jar's manifest
 * and the tests give it). Elsewhere, or without it, the heap is allocated by the arena as before.
 */
@SuppressWarnings("restricted") // mmap through the FFM API: the launcher passes --enable-native-access
public final class HeapMemory {
    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    /** Heaps are sized for the worst case; do not count them against the commit limit up front. */
    private static final int MAP_NORESERVE = 0x4000;

    private static final long MAP_FAILED = -1L;

    private static final MethodHandle MMAP;
    private static final MethodHandle MUNMAP;

    static {
        MethodHandle mmap = null;
        MethodHandle munmap = null;
        if (lazyMappingAllowed()) {
            try {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                mmap = linker.downcallHandle(
                        libc.find("mmap").orElseThrow(),
                        FunctionDescriptor.of(
                                ValueLayout.ADDRESS,
                                ValueLayout.ADDRESS,
                                ValueLayout.JAVA_LONG,
                                ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_LONG));
                munmap = linker.downcallHandle(
                        libc.find("munmap").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
            } catch (RuntimeException | LinkageError e) {
                mmap = null; // no usable libc: allocate through the arena
                munmap = null;
            }
        }
        MMAP = mmap;
        MUNMAP = munmap;
    }

    private HeapMemory() {}

    /** True when heaps are mapped lazily rather than allocated and zeroed. */
    public static boolean lazy() {
        return MMAP != null;
    }

    /**
     * {@code size} zeroed bytes, 64-byte aligned, living as long as {@code arena}: mapped lazily
     * when possible, else allocated by the arena.
     */
    static MemorySegment allocate(Arena arena, long size) {
        if (MMAP == null || size == 0) return arena.allocate(size, 64);
        MemorySegment at;
        try {
            at = (MemorySegment) MMAP.invokeExact(
                    MemorySegment.NULL,
                    size,
                    PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                    -1,
                    0L);
        } catch (Throwable e) {
            throw new IllegalStateException("mmap of a " + size + "-byte heap failed", e);
        }
        if (at.address() == MAP_FAILED) throw new OutOfMemoryError("cannot map a " + size + "-byte output heap");
        long address = at.address();
        // Page-aligned, so 64-aligned; unmapped when the run's arena closes.
        return at.reinterpret(size, arena, ignored -> unmap(address, size));
    }

    private static void unmap(long address, long size) {
        try {
            int rc = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(address), size);
            if (rc != 0) throw new IllegalStateException("munmap of a " + size + "-byte heap failed");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean lazyMappingAllowed() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        // The flag values above are Linux's (the same on every architecture it runs Java on).
        return os.startsWith("linux") && HeapMemory.class.getModule().isNativeAccessEnabled();
    }
}
