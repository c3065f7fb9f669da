package dev.palo.data.cli;

import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.validate.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void validatesAFilePrintsTheTableAndWritesBothOutputs() throws IOException {
        Path input = Files.writeString(dir.resolve("train.json"), """
                [{"id": "a", "conversations": [{"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hello"}]},
                 {"id": "b", "conversations": [{"from": "gpt", "value": "Hi"}, {"from": "human", "value": "Hello"}]},
                 {"id": "c", "language": "tlh", "conversations": [{"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hi"}]}]
                """, StandardCharsets.UTF_8);
        Cli cli = run("validate", input.toString());

        assertEquals(0, cli.exitCode, cli.err);
        assertTrue(cli.out.matches("(?s).*\\baccepted\\s+1\\n.*"), cli.out);
        assertTrue(cli.out.matches("(?s).*\\b" + RejectReason.ROLES_NOT_ALTERNATING.code() + "\\s+1\\n.*"), cli.out);
        assertTrue(cli.out.matches("(?s).*\\b" + RejectReason.UNKNOWN_LANGUAGE.code() + "\\s+1\\n.*"), cli.out);
        assertTrue(cli.out.matches("(?s).*\\btotal\\s+3\\n.*"), cli.out);
        for (RejectReason reason : RejectReason.values()) {
            assertTrue(cli.out.contains(reason.code()), "table lists " + reason.code());
        }
        List<LlavaRecord> accepted = new ArrayList<>();
        try (LlavaJsonReader reader = LlavaJsonReader.open(dir.resolve("train.accepted.json"))) {
            reader.forEachRemaining(accepted::add);
        }
        assertEquals(List.of("a"), accepted.stream().map(LlavaRecord::id).toList());
        assertEquals(2, Files.readAllLines(dir.resolve("train.quarantine.jsonl")).size());
    }

    @Test
    void optionsChooseOutputsImagesAndSizeLimit() throws IOException {
        Files.createDirectories(dir.resolve("img"));
        Path input = Files.writeString(dir.resolve("in.json"), """
                [{"id": "a", "image": "x.png", "conversations": [{"from": "human", "value": "<image>"}, {"from": "gpt", "value": "A"}]},
                 {"id": "b", "conversations": [{"from": "human", "value": "%s"}, {"from": "gpt", "value": "A"}]}]
                """.formatted("long ".repeat(60)), StandardCharsets.UTF_8);
        Cli cli = run("validate", input.toString(), "--images", dir.resolve("img").toString(),
                "--out", dir.resolve("ok.json").toString(), "--quarantine", dir.resolve("bad.jsonl").toString(),
                "--max-record-bytes", "200");

        assertEquals(0, cli.exitCode, cli.err);
        assertTrue(cli.out.matches("(?s).*\\b" + RejectReason.MISSING_IMAGE.code() + "\\s+1\\n.*"), cli.out);
        assertTrue(cli.out.matches("(?s).*\\b" + RejectReason.RECORD_TOO_LARGE.code() + "\\s+1\\n.*"), cli.out);
        assertTrue(Files.exists(dir.resolve("ok.json")));
        assertEquals(2, Files.readAllLines(dir.resolve("bad.jsonl")).size());
    }

    @Test
    void badArgumentsGiveAUsageErrorNamingTheProblem() throws IOException {
        Cli missing = run("validate", dir.resolve("absent.json").toString());
        assertEquals(2, missing.exitCode);
        assertTrue(missing.err.contains("absent.json does not exist"), missing.err);

        Path input = Files.writeString(dir.resolve("in.json"), "[]");
        Cli noImages = run("validate", input.toString(), "--images", dir.resolve("nope").toString());
        assertEquals(2, noImages.exitCode);
        assertTrue(noImages.err.contains("is not a directory"), noImages.err);

        Cli zeroLimit = run("validate", input.toString(), "--max-record-bytes", "0");
        assertEquals(2, zeroLimit.exitCode);
        assertTrue(zeroLimit.err.contains("--max-record-bytes: max record bytes must be positive, got 0"), zeroLimit.err);

        Cli noSubcommand = run();
        assertEquals(2, noSubcommand.exitCode);
        assertTrue(noSubcommand.err.contains("validate"), noSubcommand.err);
    }

    private static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DataCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exitCode = cli.execute(args);
        return new Cli(exitCode, out.toString(), err.toString());
    }

    private record Cli(int exitCode, String out, String err) {
    }
}
