package dev.palo.model.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.benchmarks.bench.PythonAnchor;
import dev.palo.model.nn.Autograd;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one small op costs per call through DJL, against the same op in torch from Python
 * ({@code benchmarks/python/op_call_cost.py}, run from the model venv): the fixed cost per op that sets the speed of a
 * decode step on a model as small as the {@code mini} preset. Three figures per op, medians of microseconds per call:
 * torch from Python; DJL's NDArray API (the JNI call plus DJL's Java side: a PtNDArray per result, registered with
 * its manager, then closed, as a step's manager closes its arrays); and DJL's JNI call alone on raw handles
 * (libtorch's own work and the JNI crossing, each result deleted at once), reached through DJL's package-private
 * {@code PyTorchLibrary}. The difference between the last two is DJL's per-array bookkeeping; the JNI-alone figure
 * against Python's is what the crossing itself costs or saves. Results in docs/performance.md ("Generation").
 *
 * <p>{@code java -cp … dev.palo.model.bench.OpCallCost [--calls N] [--rounds R] [--python PATH]} with the
 * variables {@code ./palo} sets (OMP_NUM_THREADS=1, DJL_OFFLINE, DJL_CACHE_DIR); PATH defaults to
 * {@code PALO_HOME/venv-model/bin/python3}, and without it only the DJL columns are printed.
 */
public final class OpCallCost {
    private OpCallCost() {
    }

    public static void main(String[] args) throws Throwable {
        int calls = intArg(args, "--calls", 20_000);
        int rounds = intArg(args, "--rounds", 5);
        Path python = Path.of(stringArg(args, "--python", Path.of(System.getenv().getOrDefault("PALO_HOME", ".palo"))
                .resolve("venv-model").resolve("bin").resolve("python3").toString()));
        Autograd.offForThisThread();
        Map<String, double[]> djl = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomUniform(0, 1, new Shape(1, 1, 192));
            NDArray y = manager.randomUniform(0, 1, new Shape(1, 1, 192));
            NDArray weight = manager.randomUniform(0, 1, new Shape(576, 192));
            NDArray stacked = manager.randomUniform(0, 1, new Shape(1, 1, 576));
            NDArray q = manager.randomUniform(0, 1, new Shape(1, 6, 1, 32));
            NDArray keys = manager.randomUniform(0, 1, new Shape(1, 6, 32, 88));
            Native lib = new Native();
            djl.put("add", new double[] {
                    perCall(calls, rounds, () -> x.add(y)),
                    perCall(calls, rounds, () -> lib.add(handle(x), handle(y)), lib)});
            djl.put("linear", new double[] {
                    perCall(calls, rounds, () -> ai.djl.nn.core.Linear.linear(x, weight).head()),
                    perCall(calls, rounds, () -> lib.linear(handle(x), handle(weight)), lib)});
            djl.put("reshape", new double[] {
                    perCall(calls, rounds, () -> stacked.reshape(1, 18, 1, 32)),
                    perCall(calls, rounds, () -> lib.reshape(handle(stacked), new long[] {1, 18, 1, 32}), lib)});
            djl.put("matmul", new double[] {
                    perCall(calls, rounds, () -> q.matMul(keys)),
                    perCall(calls, rounds, () -> lib.matmul(handle(q), handle(keys)), lib)});
        }
        JsonNode torch = Files.isExecutable(python) ? PythonAnchor.run(python,
                Path.of("benchmarks", "python", "op_call_cost.py"),
                List.of("--calls", Integer.toString(calls), "--rounds", Integer.toString(rounds))) : null;
        System.out.printf(Locale.ROOT, "µs per call, median of %d rounds of %d calls, %d processors, load %s%n",
                rounds, calls, Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.println("| op | torch from Python | DJL NDArray | DJL JNI alone |");
        System.out.println("|---|---|---|---|");
        djl.forEach((op, figures) -> System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f |%n", op,
                torch == null ? "not run" : String.format(Locale.ROOT, "%.2f", torch.path(op).asDouble()),
                figures[0], figures[1]));
    }

    /** Median µs per call of {@code op} through the NDArray API, each result closed (freed, left by its manager). */
    private static double perCall(int calls, int rounds, Supplier<NDArray> op) {
        double[] figures = new double[rounds + 1]; // the first round warms up
        for (int round = 0; round <= rounds; round++) {
            long started = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                op.get().close();
            }
            figures[round] = (System.nanoTime() - started) / 1e3 / calls;
        }
        return median(Arrays.copyOfRange(figures, 1, figures.length));
    }

    /** Median µs per call of a raw JNI op whose result handle is deleted at once. */
    private static double perCall(int calls, int rounds, HandleOp op, Native lib) throws Throwable {
        double[] figures = new double[rounds + 1];
        for (int round = 0; round <= rounds; round++) {
            long started = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                lib.delete(op.call());
            }
            figures[round] = (System.nanoTime() - started) / 1e3 / calls;
        }
        return median(Arrays.copyOfRange(figures, 1, figures.length));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static long handle(NDArray array) {
        return ((PtNDArray) array).getHandle();
    }

    @FunctionalInterface
    private interface HandleOp {
        long call() throws Throwable;
    }

    /**
     * DJL's native methods, package-private in {@code ai.djl.pytorch.jni.PyTorchLibrary}, on raw tensor handles: bound
     * to its instance in constants, so that the JIT calls them as directly as DJL does. Loaded after the engine.
     */
    private static final class Native {
        private static final MethodHandle ADD = bound("torchAdd", long.class, long.class, long.class);
        private static final MethodHandle LINEAR =
                bound("torchNNLinear", long.class, long.class, long.class, long.class);
        private static final MethodHandle RESHAPE = bound("torchReshape", long.class, long.class, long[].class);
        private static final MethodHandle MATMUL = bound("torchMatmul", long.class, long.class, long.class);
        private static final MethodHandle DELETE = bound("torchDeleteTensor", void.class, long.class);

        private static MethodHandle bound(String name, Class<?> returns, Class<?>... parameters) {
            try {
                Class<?> type = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                Object lib = lookup.findStaticVarHandle(type, "LIB", type).get();
                return lookup.findVirtual(type, name, MethodType.methodType(returns, parameters)).bindTo(lib);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("DJL's PyTorchLibrary has no " + name + " as expected here", e);
            }
        }

        long add(long a, long b) throws Throwable {
            return (long) ADD.invokeExact(a, b);
        }

        long linear(long x, long weight) throws Throwable {
            return (long) LINEAR.invokeExact(x, weight, 0L); // 0: no bias, as DJL passes it
        }

        long reshape(long x, long[] shape) throws Throwable {
            return (long) RESHAPE.invokeExact(x, shape);
        }

        long matmul(long a, long b) throws Throwable {
            return (long) MATMUL.invokeExact(a, b);
        }

        void delete(long handle) throws Throwable {
            DELETE.invokeExact(handle);
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
