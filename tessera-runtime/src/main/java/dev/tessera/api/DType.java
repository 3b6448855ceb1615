package dev.tessera.api;

/** Element types a {@link Tensor} can hold; sizes match the reference runtime's DataType. */
public enum DType {
    FP32(4),
    FP16(2),
    BF16(2),
    INT8(1),
    INT16(2),
    INT32(4),
    INT64(8),
    UINT8(1),
    UINT16(2),
    UINT32(4),
    UINT64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isFloating() {
        return this == FP32 || this == FP16 || this == BF16;
    }
}
