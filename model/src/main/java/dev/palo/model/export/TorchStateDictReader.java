package dev.palo.model.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Reads a state dict that {@code torch.save} wrote (PyTorch ≥ 1.6: a zip of {@code data.pkl} and one entry per
 * storage), as LLaVA's and PALO's released {@code pytorch_model*.bin} shards and {@code non_lora_trainables.bin} are:
 * the pickle is read by Pyrolite with only what a state dict holds registered — {@code OrderedDict},
 * {@code torch._utils._rebuild_tensor_v2} and the typed storages — so any other global in the file is refused
 * rather than run. The inverse of {@link TorchStateDictWriter}; tensors come back in name order.
 */
public final class TorchStateDictReader {
    private static final Map<String, DataType> STORAGES = Map.of(
            "FloatStorage", DataType.FLOAT32, "HalfStorage", DataType.FLOAT16, "BFloat16Storage", DataType.BFLOAT16,
            "DoubleStorage", DataType.FLOAT64, "LongStorage", DataType.INT64, "IntStorage", DataType.INT32,
            "ByteStorage", DataType.UINT8, "CharStorage", DataType.INT8, "BoolStorage", DataType.BOOLEAN);

    static {
        STORAGES.forEach((name, type) -> Unpickler.registerConstructor("torch", name, new StorageType(type)));
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", TorchStateDictReader::tensor);
        Unpickler.registerConstructor("collections", "OrderedDict", args -> new StateDict());
    }

    private TorchStateDictReader() {
    }

    /** A typed storage class named by the pickle ({@code torch.FloatStorage}…). */
    private record StorageType(DataType type) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("a torch storage is only ever named, never built, in a state dict");
        }
    }

    /** A storage the pickle refers to: an entry {@code data/<key>} of the zip. */
    private record StorageRef(String key, DataType type, long numel) {
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])}. */
    private record TensorSpec(StorageRef storage, long offset, long[] shape, long[] stride) {
    }

    /** The pickle's {@code OrderedDict}; its {@code BUILD} state ({@code _metadata}) is not needed. */
    public static final class StateDict extends LinkedHashMap<Object, Object> {
        public void __setstate__(HashMap<String, Object> state) {
            // module versions of nn.Module.state_dict(): nothing a tensor's value depends on
        }
    }

    private static TensorSpec tensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef storage)) {
            throw new PickleException("_rebuild_tensor_v2 with unexpected arguments");
        }
        return new TensorSpec(storage, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
    }

    private static long[] longs(Object tuple) {
        Object[] items = (Object[]) tuple;
        long[] values = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            values[i] = ((Number) items[i]).longValue();
        }
        return values;
    }

    /** Pyrolite with torch's persistent ids: {@code ('storage', <storage class>, key, location, numel)}. */
    private static final class StateDictUnpickler extends Unpickler {
        @Override
        protected Object persistentLoad(Object pid) {
            if (pid instanceof Object[] id && id.length >= 5 && "storage".equals(id[0])
                    && id[1] instanceof StorageType type) {
                return new StorageRef(String.valueOf(id[2]), type.type(), ((Number) id[4]).longValue());
            }
            throw new PickleException("unsupported persistent id in a state dict");
        }
    }

    /** Every tensor of the file, by name; {@code file} must be a zip-format {@code torch.save} of a state dict. */
    public static LinkedHashMap<String, NDArray> read(Path file, NDManager manager) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pickle = zip.stream().filter(e -> e.getName().endsWith("data.pkl")).findFirst().orElseThrow(
                    () -> new IllegalArgumentException(file + " is a zip without data.pkl, not a torch.save file"));
            String prefix = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
            Object root;
            try (InputStream in = zip.getInputStream(pickle)) {
                root = new StateDictUnpickler().load(in);
            } catch (PickleException e) {
                throw new IllegalArgumentException(file + " is not a plain state dict (" + e.getMessage() + ")", e);
            }
            if (!(root instanceof Map<?, ?> dict)) {
                throw new IllegalArgumentException(file + " holds a " + root.getClass().getSimpleName()
                        + ", not a state dict of tensors");
            }
            TreeMap<String, TensorSpec> specs = new TreeMap<>();
            dict.forEach((name, value) -> {
                if (!(value instanceof TensorSpec spec)) {
                    throw new IllegalArgumentException(file + ": '" + name + "' is not a tensor");
                }
                specs.put(String.valueOf(name), spec);
            });
            Map<String, byte[]> storages = new HashMap<>();
            LinkedHashMap<String, NDArray> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, TensorSpec> entry : specs.entrySet()) {
                TensorSpec spec = entry.getValue();
                byte[] bytes = storages.computeIfAbsent(spec.storage().key(), key -> storage(zip, prefix + "data/" + key));
                ByteBuffer data = slice(file, entry.getKey(), spec, bytes);
                NDArray array = spec.storage().type() == DataType.BFLOAT16
                        ? manager.create(bfloat16ToFloat(data), new Shape(spec.shape()))
                        : manager.create(data, new Shape(spec.shape()), spec.storage().type());
                array.setName(entry.getKey());
                tensors.put(entry.getKey(), array);
            }
            return tensors;
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException(file + " is not a zip: PyTorch before 1.6 saved another format; load and"
                    + " save it again with a newer torch", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static byte[] storage(ZipFile zip, String name) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IllegalArgumentException(zip.getName() + " lacks the storage " + name);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " of " + zip.getName(), e);
        }
    }

    /**
     * bfloat16 widened to float32 here (its upper 16 bits): the engine aborts on a bfloat16 array made from a buffer,
     * and the platform computes in float32 anyway.
     */
    private static float[] bfloat16ToFloat(ByteBuffer data) {
        float[] values = new float[data.remaining() / 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat((data.getShort(2 * i) & 0xffff) << 16);
        }
        return values;
    }

    /** The tensor's bytes: a contiguous run of its storage (state dicts hold no transposed views). */
    private static ByteBuffer slice(Path file, String name, TensorSpec spec, byte[] storage) {
        long expected = 1;
        for (int i = spec.shape().length - 1; i >= 0; i--) {
            if (spec.shape()[i] > 1 && spec.stride()[i] != expected) {
                throw new IllegalArgumentException(file + ": tensor " + name + " is not contiguous (stride "
                        + java.util.Arrays.toString(spec.stride()) + "); save it with .contiguous()");
            }
            expected *= spec.shape()[i];
        }
        int item = spec.storage().type().getNumOfBytes();
        long begin = spec.offset() * item;
        long length = expected * item;
        if (begin + length > storage.length) {
            throw new IllegalArgumentException(file + ": tensor " + name + " reaches past its storage");
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) length).order(ByteOrder.nativeOrder());
        buffer.put(storage, (int) begin, (int) length).flip();
        return buffer;
    }
}
