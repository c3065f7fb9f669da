package dev.palo.model.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer's files read by two readers that share no code with it: one written here from the
 * published format, and Python's safetensors where it is installed: the embedded stack's venv has it
 * ({@code infra/local/requirements.txt}), so {@code ./palo test} and CI always run that check.
 */
class SafetensorsFormatTest {
    static final float[] WEIGHT = {1.5f, -2.25f, 3f, 0f, 1e-7f, -0f};
    static final long[] INDEX = {7, -100, -200, Long.MAX_VALUE};

    @TempDir
    Path dir;

    Path writeSample(NDManager manager) {
        LinkedHashMap<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put("model.layers.0.self_attn.q_proj.weight", manager.create(WEIGHT, new Shape(2, 3)));
        tensors.put("ids", manager.create(INDEX));
        // 3 bytes of data: the next tensor starts unaligned, as the format allows
        tensors.put("flags", manager.create(new boolean[] {true, false, true}));
        tensors.put("bias", manager.create(new float[] {0.25f}));
        Path file = dir.resolve("sample.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of("note", "test"));
        return file;
    }

    @Test
    void independentReaderSeesTheNamedTensors() throws IOException {
        Path file;
        try (NDManager manager = NDManager.newBaseManager()) {
            file = writeSample(manager);
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong(0);
        assertEquals(0, (8 + headerLength) % 8, "data starts on an 8-byte boundary");
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        assertEquals("pt", header.path("__metadata__").path("format").asText());
        assertEquals("test", header.path("__metadata__").path("note").asText());
        int dataStart = (int) (8 + headerLength);

        JsonNode weight = header.get("model.layers.0.self_attn.q_proj.weight");
        assertEquals("F32", weight.get("dtype").asText());
        assertEquals("[2,3]", weight.get("shape").toString());
        float[] weightValues = new float[6];
        int begin = weight.get("data_offsets").get(0).asInt();
        assertEquals(24, weight.get("data_offsets").get(1).asInt() - begin);
        for (int i = 0; i < 6; i++) {
            weightValues[i] = buffer.getFloat(dataStart + begin + 4 * i);
        }
        assertArrayEquals(WEIGHT, weightValues);

        JsonNode ids = header.get("ids");
        assertEquals("I64", ids.get("dtype").asText());
        int idsBegin = ids.get("data_offsets").get(0).asInt();
        long[] idValues = new long[4];
        for (int i = 0; i < 4; i++) {
            idValues[i] = buffer.getLong(dataStart + idsBegin + 8 * i);
        }
        assertArrayEquals(INDEX, idValues);
        assertEquals("BOOL", header.get("flags").get("dtype").asText());

        // offsets tile the data section without gaps, up to the end of the file
        long expectedBegin = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("__metadata__")) {
                assertEquals(expectedBegin, e.getValue().get("data_offsets").get(0).asLong(), e.getKey());
                expectedBegin = e.getValue().get("data_offsets").get(1).asLong();
            }
        }
        assertEquals(bytes.length, dataStart + expectedBegin);
    }

    @Test
    void readerRoundTripsNamesDtypesAndValues() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LinkedHashMap<String, NDArray> read = SafetensorsReader.read(writeSample(manager), manager);
            assertEquals(List.of("model.layers.0.self_attn.q_proj.weight", "ids", "flags", "bias"), List.copyOf(read.keySet()));
            assertArrayEquals(WEIGHT, read.get("model.layers.0.self_attn.q_proj.weight").toFloatArray());
            assertEquals(new Shape(2, 3), read.get("model.layers.0.self_attn.q_proj.weight").getShape());
            assertArrayEquals(INDEX, read.get("ids").toLongArray());
            assertEquals(DataType.BOOLEAN, read.get("flags").getDataType());
            assertArrayEquals(new boolean[] {true, false, true}, read.get("flags").toBooleanArray());
        }
    }

    @Test
    void truncatedFileIsAClearError() throws IOException {
        Path file;
        try (NDManager manager = NDManager.newBaseManager()) {
            file = writeSample(manager);
        }
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 4));
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SafetensorsReader.read(truncated, manager));
            assertTrue(e.getMessage().contains("bias"), e.getMessage());
        }
    }

    @Test
    void pythonSafetensorsReadsTheFileWhereInstalled() throws Exception {
        if (!pythonHasSafetensors()) {
            return; // the independent Java reader above always runs; Python's is checked where present
        }
        Path file;
        try (NDManager manager = NDManager.newBaseManager()) {
            file = writeSample(manager);
        }
        String script = "import sys\n"
                + "from safetensors.numpy import load_file\n"
                + "d = load_file(sys.argv[1])\n"
                + "w = d['model.layers.0.self_attn.q_proj.weight']\n"
                + "print(w.dtype, list(w.shape), ' '.join(repr(float(x)) for x in w.ravel()))\n"
                + "print(d['ids'].dtype, ' '.join(str(int(x)) for x in d['ids']))\n"
                + "print(d['flags'].dtype, ' '.join(str(bool(x)) for x in d['flags']))\n";
        Process process = new ProcessBuilder(python(), "-c", script, file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        String[] lines = output.strip().split("\n");
        assertTrue(lines[0].startsWith("float32 [2, 3] "), lines[0]);
        String[] values = lines[0].substring("float32 [2, 3] ".length()).split(" ");
        float[] parsed = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            parsed[i] = (float) Double.parseDouble(values[i]);
        }
        assertArrayEquals(WEIGHT, parsed);
        assertEquals("int64 7 -100 -200 " + Long.MAX_VALUE, lines[1]);
        assertEquals("bool True False True", lines[2]);
    }

    /** The stack's venv interpreter when present (it carries safetensors), else the system one. */
    static String python() {
        Path venv = Path.of(System.getProperty("palo.home", ".palo"), "venv", "bin", "python3");
        return Files.isExecutable(venv) ? venv.toString() : "python3";
    }

    static boolean pythonHasSafetensors() {
        try {
            Process p = new ProcessBuilder(python(), "-c", "import safetensors.numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
