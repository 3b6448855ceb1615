package dev.tessera.scheduler;

final class ParallelPolicy implements DispatchPolicy {
    @Override
    public String name() {
        return "parallel";
    }

    @Override
    public void dispatch(DispatchTarget target, TaskSlot task, CoreList cores) {
        throw new UnsupportedOperationException();
    }
}
