package dev.tessera.platform;

/**
 * An actor for tests that drive runtime parts directly, without a platform: time stands still,
 * charges cost nothing, idling only hints a spin and wake-ups are ignored. Tests override what they
 * observe (the clock, wake-ups).
 */
public class IdleActor implements Actor {
    @Override
    public long now() {
        return 0;
    }

    @Override
    public void charge(Cost op) {}

    @Override
    public void charge(Cost op, int count) {}

    @Override
    public void idle(int round) {
        Thread.onSpinWait();
    }

    @Override
    public void wake() {}
}
