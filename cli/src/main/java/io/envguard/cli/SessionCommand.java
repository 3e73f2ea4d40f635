package io.envguard.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** A command that works with the {@link Session} of the invocation; answers its exit code. */
public abstract class SessionCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() {
        return run(((Envguard) spec.root().userObject()).session()).code();
    }

    protected abstract ExitCode run(Session session);
}
