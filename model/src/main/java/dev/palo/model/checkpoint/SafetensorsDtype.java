package dev.palo.model.checkpoint;

import ai.djl.ndarray.types.DataType;

import java.util.Arrays;

/** The safetensors dtype names of the DJL data types that checkpoints hold. */
enum SafetensorsDtype {
    F64(DataType.FLOAT64), F32(DataType.FLOAT32), F16(DataType.FLOAT16), BF16(DataType.BFLOAT16),
    I64(DataType.INT64), I32(DataType.INT32), I8(DataType.INT8), U8(DataType.UINT8), BOOL(DataType.BOOLEAN);

    final DataType djl;

    SafetensorsDtype(DataType djl) {
        this.djl = djl;
    }

    static SafetensorsDtype of(DataType type) {
        return Arrays.stream(values()).filter(d -> d.djl == type).findFirst().orElseThrow(
                () -> new IllegalArgumentException("data type " + type + " cannot be stored in safetensors here"));
    }

    static SafetensorsDtype named(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unsupported safetensors dtype " + name));
    }
}
