package io.envguard.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "completion",
        description = "Print a shell completion script for bash or zsh.",
        footerHeading = "%nExample:%n",
        footer = {"  source <(envguard completion bash)          # in ~/.bashrc",
                "  source <(envguard completion zsh)           # in ~/.zshrc"})
public final class CompletionCommand implements Callable<Integer> {

    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh (the same script serves both).")
    Shell shell;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // One script serves both shells: under zsh it loads zsh's bash completion (bashcompinit) itself.
        spec.commandLine().getOut().print(AutoComplete.bash("envguard", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
