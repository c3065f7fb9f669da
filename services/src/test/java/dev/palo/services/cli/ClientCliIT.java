package dev.palo.services.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.services.support.EmbeddedStackResource;
import dev.palo.services.support.FakeChatResource;
import dev.palo.services.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./palo run}'s Java client against the real app and stack: it uploads a local file, starts the run with
 * the API's own request record, redraws it until it ends and exits by how it ended; a refusal is the API's message.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class ClientCliIT {
    @TestHTTPResource("/test-llm/v1")
    URL chatUrl;
    @TestHTTPResource("/")
    URL app;
    @TempDir
    Path folder;

    @Test
    void aRunWhoseDataHoldsNoUsableRecordEndsFailedAndTheCliSaysSo() throws Exception {
        // one record without a conversation: validation quarantines it, and a source with nothing valid fails the run
        Path data = Files.writeString(folder.resolve("no-conversation.json"),
                "[{\"id\": \"cli-1\", \"image\": \"coco/x.jpg\", \"conversations\": []}]");

        Result result = run("--data", data.toString(), "--languages", "ar");

        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.out().startsWith("run run-"), result.toString());
        assertTrue(result.out().contains("FAILED"), result.toString());
    }

    @Test
    void aRefusedRunIsTheApisMessage() throws Exception {
        Result result = run("--data", "s3://palo/../../etc/passwd", "--languages", "ar");

        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.err().contains("palo run: refused: ") && result.err().contains("'..' segment")
                && result.err().contains("(HTTP 400)"), result.toString());
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... options) throws Exception {
        Path token = Files.writeString(folder.resolve("operator.token"), Tokens.of("cli-it", "operator"));
        List<String> args = new ArrayList<>(List.of("run", "--api", app.toString().replaceFirst("/$", ""),
                "--token-file", token.toString(), "--translate-url", chatUrl.toString(), "--model",
                FakeChatResource.MODEL));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = ClientCli.command().execute(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
