package org.icugym.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code icugym} executable: one command whose subcommands start a role or run a job. Add a
 * subcommand by listing its class in {@code subcommands}.
 */
@Command(name = "icugym", mixinStandardHelpOptions = true, versionProvider = IcugymCommand.Version.class,
        description = "Actor-based RL environment server for ICU treatment decisions (sepsis).",
        subcommands = {ServeCommand.class, ServePolicyCommand.class, ActCommand.class,
                org.icugym.cli.train.TrainCommand.class, org.icugym.cli.cohort.CohortCommand.class, EvaluateCommand.class,
                org.icugym.cli.psr.PsrEvalCommand.class, org.icugym.cli.worldmodel.WorldModelCommand.class,
                CommandLine.HelpCommand.class})
public final class IcugymCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs {@code icugym} with {@code args} and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line of {@code icugym}, ready to execute. */
    public static CommandLine commandLine() {
        return new CommandLine(new IcugymCommand());
    }

    /** Without a subcommand: prints the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = IcugymCommand.class.getPackage().getImplementationVersion();
            return new String[] {"icugym " + (v == null ? "0.1.0-SNAPSHOT" : v),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
