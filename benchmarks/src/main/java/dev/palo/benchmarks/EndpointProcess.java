package dev.palo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.testing.HostileChatServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link HostileChatServer} in a JVM of its own, so that the endpoint's threads, GC and HTTP stack
 * share no process with the client under test. Stopped with {@link #close()}.
 */
final class EndpointProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String baseUrl;

    /** {@code arguments}: what {@link HostileChatServer#main} takes after the port. */
    EndpointProcess(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), HostileChatServer.class.getName(), "0"));
        command.addAll(arguments);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // never outlive the benchmark, however it ends
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening ")) {
            process.destroyForcibly();
            throw new IOException("the endpoint process did not start: " + line);
        }
        baseUrl = line.substring("listening ".length()).strip();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The endpoint's counters ({@code GET /stats}). */
    JsonNode stats() throws IOException, InterruptedException {
        String statsUrl = baseUrl.replaceFirst("/v1$", "") + "/stats";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(statsUrl))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
