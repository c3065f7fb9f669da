package dev.palo.model.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a safetensors file into named NDArrays, checking every header entry against the file. */
public final class SafetensorsReader {

    /** Far above any header written here; guards against reading garbage as a length. */
    private static final long MAX_HEADER_BYTES = 100L << 20;

    private SafetensorsReader() {
    }

    /** Tensors in header order, created in {@code manager}. */
    public static LinkedHashMap<String, NDArray> read(Path file, NDManager manager) {
        try (FileChannel channel = FileChannel.open(file)) {
            long fileSize = channel.size();
            ByteBuffer lengthBytes = readAt(channel, 0, 8, file).order(ByteOrder.LITTLE_ENDIAN);
            long headerLength = lengthBytes.getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > fileSize) {
                throw new IllegalArgumentException(file + ": bad safetensors header length " + headerLength);
            }
            ByteBuffer headerBytes = readAt(channel, 8, (int) headerLength, file);
            JsonNode header = new ObjectMapper().readTree(StandardCharsets.UTF_8.decode(headerBytes).toString());
            long dataStart = 8 + headerLength;
            LinkedHashMap<String, NDArray> tensors = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                tensors.put(e.getKey(), readTensor(channel, file, e.getKey(), e.getValue(), dataStart, fileSize, manager));
            }
            return tensors;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors file " + file, e);
        }
    }

    private static NDArray readTensor(FileChannel channel, Path file, String name, JsonNode entry, long dataStart,
                                      long fileSize, NDManager manager) throws IOException {
        SafetensorsDtype dtype = SafetensorsDtype.named(entry.path("dtype").asText());
        long[] dims = new long[entry.path("shape").size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = entry.path("shape").get(i).asLong();
        }
        Shape shape = new Shape(dims);
        long begin = entry.path("data_offsets").path(0).asLong(-1);
        long end = entry.path("data_offsets").path(1).asLong(-1);
        long expected = shape.size() * dtype.djl.getNumOfBytes();
        if (begin < 0 || end - begin != expected || dataStart + end > fileSize) {
            throw new IllegalArgumentException(file + ": tensor " + name + " has data_offsets [" + begin + ", " + end
                    + "] inconsistent with " + dtype + " " + shape + " (" + expected + " bytes) or the file size");
        }
        ByteBuffer data = readAt(channel, dataStart + begin, (int) expected, file).order(ByteOrder.nativeOrder());
        NDArray array = manager.create(data, shape, dtype.djl);
        array.setName(name);
        return array;
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IllegalArgumentException(file + ": truncated safetensors file");
            }
        }
        return buffer.flip();
    }
}
