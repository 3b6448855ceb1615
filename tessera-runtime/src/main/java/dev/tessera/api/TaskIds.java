package dev.tessera.api;

/** Task ids are {@code ring << 32 | local}: the ring a task lives in and its sequence number there. */
public final class TaskIds {
    private TaskIds() {}

    public static long of(int ring, long local) {
        return ((long) ring << 32) | (local & 0xFFFFFFFFL);
    }

    public static int ring(long id) {
        return (int) (id >>> 32);
    }

    public static long local(long id) {
        return id & 0xFFFFFFFFL;
    }

    public static String format(long id) {
        return id < 0 ? "none" : "r" + ring(id) + "#" + local(id);
    }
}
