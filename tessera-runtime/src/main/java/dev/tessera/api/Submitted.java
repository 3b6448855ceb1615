package dev.tessera.api;

/**
 * What {@code submit} returns: the task id (usable as an explicit dependency) and the tensors the
 * runtime allocated for the task's OUTPUT arguments, in the order they were added. The outputs are
 * valid only inside the scope the task was submitted in.
 */
public record Submitted(long taskId, Tensor[] outputs) {
    public Tensor output(int i) {
        if (i < 0 || i >= outputs.length) {
            throw new IndexOutOfBoundsException(
                    "task " + TaskIds.format(taskId) + " has " + outputs.length + " outputs, asked for " + i);
        }
        return outputs[i];
    }

    public int outputCount() {
        return outputs.length;
    }
}
