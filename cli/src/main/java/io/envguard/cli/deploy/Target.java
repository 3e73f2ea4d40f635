package io.envguard.cli.deploy;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Failure;
import io.envguard.cli.api.EnvguardApi.Kind;
import picocli.CommandLine.Option;

/** {@code --model M | --chain C}: what a command acts on, by name or id. */
public final class Target {

    @Option(names = "--model", paramLabel = "MODEL", description = "A model, by name or id.")
    String model;

    @Option(names = "--chain", paramLabel = "CHAIN", description = "A chain, by name or id.")
    String chain;

    public Kind kind() {
        return model != null ? Kind.MODEL : Kind.CHAIN;
    }

    public String nameOrId() {
        return model != null ? model : chain;
    }

    /** Exactly one of the two must be given. */
    public Target require() {
        if ((model == null) == (chain == null)) {
            throw new Failure(ExitCode.INVALID_INPUT, "give exactly one of --model and --chain");
        }
        return this;
    }
}
