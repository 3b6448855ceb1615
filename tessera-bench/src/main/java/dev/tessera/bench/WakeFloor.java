package dev.tessera.bench;

/** The machine's thread hand-off floor: what a wake-up of a parked core costs at least. */
final class WakeFloor {
    private WakeFloor() {}

    static void measure(EndToEndHarness h, BenchResults r) {
        int trips = h.quick ? 5_000 : 20_000;
        WakeLatency.roundTripNs(true, trips / 5); // warm-up
        double park = WakeLatency.roundTripNs(true, trips);
        WakeLatency.roundTripNs(false, trips / 5);
        double spin = WakeLatency.roundTripNs(false, trips);
        h.say("thread hand-off round trip: park/unpark %.1f µs, spinning %.2f µs", park / 1e3, spin / 1e3);
        r.add(
                "park_unpark_roundtrip_us",
                "us",
                park / 1e3,
                "two threads passing a turn with LockSupport.park/unpark: the cost floor of waking a parked core");
        r.add("spin_roundtrip_us", "us", spin / 1e3, "the same hand-off with both threads spinning");
    }
}
