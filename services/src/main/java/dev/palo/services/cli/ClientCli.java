package dev.palo.services.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./palo run} and {@code ./palo demo}: clients of the services app's REST API, built on its own request
 * and view records. The {@code palo} script starts the stack and the app first, then hands over to these.
 */
@Command(name = "palo", subcommands = {RunCommand.class, DemoCommand.class, StudyCommand.class})
public final class ClientCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // the app's log manager is on this classpath too; named before the HTTP client's first log call, it stays quiet
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        System.exit(command().execute(args));
    }

    /** The command line with its subcommands and the one-line explanation of failures. */
    static CommandLine command() {
        return new CommandLine(new ClientCli()).setExecutionExceptionHandler(ClientCli::explain);
    }

    /** What went wrong in a line: the API's refusal with its message, or why the app could not be asked. */
    private static int explain(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        String what = e instanceof ApiClient.Refused ? "refused: " + e.getMessage()
                : e instanceof java.net.ConnectException ? "the services app did not answer (" + e + ")"
                : e instanceof java.io.FileNotFoundException ? e.getMessage()  // a --request FILE that is not there
                : e.toString();
        System.err.println("palo " + command.getCommandName() + ": " + what);
        return 1;
    }

    /** Without a subcommand there is nothing to do but explain the choices. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: run, demo or study");
    }
}
