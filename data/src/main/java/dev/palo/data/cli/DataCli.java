package dev.palo.data.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code palo data}: the data tools. Each tool is a subcommand. */
@Command(name = "palo data",
        description = "Data tools of the PALO platform: LLaVA-format validation and the PALO-mini generator.",
        subcommands = {ValidateCommand.class, MiniCommand.class})
public final class DataCli implements Runnable {

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DataCli()).execute(args));
    }

    /** Without a subcommand there is nothing to do but explain the choices. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }
}
