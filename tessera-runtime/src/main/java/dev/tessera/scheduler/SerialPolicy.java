package dev.tessera.scheduler;

final class SerialPolicy implements DispatchPolicy {
    @Override
    public String name() {
        return "serial";
    }

    @Override
    public void dispatch(DispatchTarget target, TaskSlot task, CoreList cores) {
        throw new UnsupportedOperationException();
    }
}
