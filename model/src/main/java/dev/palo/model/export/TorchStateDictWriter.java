package dev.palo.model.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a state dict (name → tensor) as {@code torch.save} does since PyTorch 1.6, so that LLaVA's
 * {@code torch.load(..., map_location='cpu')} of {@code mm_projector.bin} and {@code non_lora_trainables.bin}
 * reads it, also with {@code weights_only=True}. No library writes this format from Java, so this is the
 * small writer, from the format PyTorch documents in {@code torch/serialization.py} and
 * {@code caffe2/serialize/inline_container.h}:
 * <ul>
 *   <li>an uncompressed zip whose entries share one folder ({@code archive/}), each entry's data starting on a
 *       64-byte boundary (padding in the local header's extra field, as PyTorch's writer does, so a reader may
 *       memory-map it);
 *   <li>{@code data.pkl}: a protocol-2 pickle of {@code collections.OrderedDict} whose values are
 *       {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks)}, each storage
 *       a persistent id {@code ('storage', torch.FloatStorage, key, 'cpu', numel)};
 *   <li>{@code data/<key>}: each storage's raw little-endian bytes; {@code byteorder} ({@code little}) and
 *       {@code version} ({@code 3}).
 * </ul>
 * Only the opcodes PyTorch's restricted {@code weights_only} unpickler accepts are emitted. The bytes depend on
 * the tensors alone (fixed entry times), so the same weights give the same file.
 */
public final class TorchStateDictWriter {
    private static final String ARCHIVE = "archive/";
    private static final int ALIGNMENT = 64;
    /**
     * 2000-01-01: a fixed time keeps the file's bytes a function of its tensors, and a time well inside the DOS
     * range keeps the JDK from adding an extended-timestamp field that would shift the computed alignment.
     */
    private static final long ENTRY_TIME = 946684800000L;

    private TorchStateDictWriter() {
    }

    /** Writes {@code tensors} in their iteration order, through a temporary file moved into place. */
    public static void write(Path file, Map<String, NDArray> tensors) {
        List<byte[]> storages = new ArrayList<>();
        byte[] pickle = pickle(tensors, storages);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (CountingStream counter = new CountingStream(Files.newOutputStream(partial));
                 ZipOutputStream zip = new ZipOutputStream(counter)) {
                zip.setMethod(ZipOutputStream.STORED);
                entry(zip, counter, "data.pkl", pickle);
                entry(zip, counter, "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < storages.size(); i++) {
                    entry(zip, counter, "data/" + i, storages.get(i));
                }
                entry(zip, counter, "version", "3\n".getBytes(StandardCharsets.US_ASCII));
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void entry(ZipOutputStream zip, CountingStream counter, String name, byte[] data)
            throws IOException {
        String fullName = ARCHIVE + name;
        ZipEntry entry = new ZipEntry(fullName);
        entry.setTime(ENTRY_TIME);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        // local header: 30 fixed bytes + name + extra; pad the extra so the data lands on a 64-byte boundary
        long headerEnd = counter.count + 30 + fullName.getBytes(StandardCharsets.UTF_8).length + 4;
        int padding = (int) ((ALIGNMENT - headerEnd % ALIGNMENT) % ALIGNMENT);
        ByteBuffer extra = ByteBuffer.allocate(4 + padding).order(ByteOrder.LITTLE_ENDIAN);
        extra.putShort((short) 0x4246).putShort((short) padding); // "FB", the id PyTorch's writer uses
        entry.setExtra(extra.array());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    private static byte[] pickle(Map<String, NDArray> tensors, List<byte[]> storages) {
        Pickle p = new Pickle();
        p.proto2();
        p.global("collections", "OrderedDict").emptyTuple().reduce();
        p.mark();
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray array = e.getValue();
            String key = Integer.toString(storages.size());
            storages.add(littleEndianBytes(array));
            long[] shape = array.getShape().getShape();
            p.string(e.getKey());
            p.global("torch._utils", "_rebuild_tensor_v2");
            p.mark();
            p.mark().string("storage").global("torch", storageClass(array.getDataType())).string(key).string("cpu")
                    .integer(array.getShape().size()).tuple().persistentId();
            p.integer(0);
            p.mark();
            for (long dim : shape) {
                p.integer(dim);
            }
            p.tuple();
            p.mark();
            long stride = 1;
            long[] strides = new long[shape.length];
            for (int i = shape.length - 1; i >= 0; i--) {
                strides[i] = stride;
                stride *= shape[i];
            }
            for (long s : strides) {
                p.integer(s);
            }
            p.tuple();
            p.falseValue();
            p.global("collections", "OrderedDict").emptyTuple().reduce();
            p.tuple().reduce();
        }
        p.setItems().stop();
        return p.bytes();
    }

    private static String storageClass(DataType type) {
        return switch (type) {
            case FLOAT32 -> "FloatStorage";
            case FLOAT16 -> "HalfStorage";
            case BFLOAT16 -> "BFloat16Storage";
            case FLOAT64 -> "DoubleStorage";
            case INT64 -> "LongStorage";
            case INT32 -> "IntStorage";
            default -> throw new IllegalArgumentException("no torch storage class for " + type + " here");
        };
    }

    private static byte[] littleEndianBytes(NDArray array) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("torch state dicts are written little-endian; this machine is not");
        }
        ByteBuffer buffer = array.toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** The few pickle opcodes a state dict needs (protocol 2). */
    private static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle proto2() {
            out.write(0x80);
            out.write(2);
            return this;
        }

        Pickle global(String module, String name) {
            out.write('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Pickle mark() {
            out.write('(');
            return this;
        }

        Pickle tuple() {
            out.write('t');
            return this;
        }

        Pickle emptyTuple() {
            out.write(')');
            return this;
        }

        Pickle reduce() {
            out.write('R');
            return this;
        }

        Pickle persistentId() {
            out.write('Q');
            return this;
        }

        Pickle falseValue() {
            out.write(0x89);
            return this;
        }

        Pickle setItems() {
            out.write('u');
            return this;
        }

        Pickle stop() {
            out.write('.');
            return this;
        }

        Pickle string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            writeInt32(utf8.length);
            out.writeBytes(utf8);
            return this;
        }

        /** BININT for values that fit a signed 32-bit int, else LONG1 (little-endian two's complement). */
        Pickle integer(long value) {
            if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
                out.write('J');
                writeInt32((int) value);
            } else {
                out.write(0x8a);
                out.write(8);
                ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
                out.writeBytes(b.array());
            }
            return this;
        }

        private void writeInt32(int value) {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Counts the bytes written through it, so each zip entry's data offset is known before it is written. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
