package io.envguard.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.envguard.cli.account.LoginCommand;
import io.envguard.cli.account.WhoamiCommand;
import io.envguard.cli.apikeys.ApiKeysCommand;
import io.envguard.cli.api.ApiException;
import io.envguard.cli.api.Unreachable;
import io.envguard.cli.audit.AuditCommand;
import io.envguard.cli.config.ConfigFile;
import io.envguard.cli.deploy.AutoscalingCommand;
import io.envguard.cli.deploy.PromoteCommand;
import io.envguard.cli.deploy.PushCommand;
import io.envguard.cli.environments.EnvironmentsCommand;
import io.envguard.cli.members.MembersCommand;
import io.envguard.cli.output.Output;
import io.envguard.cli.permissions.CanICommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "envguard",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = Envguard.Version.class,
        description = {"The command line of Envguard: restricted environments, grants, pushes and promotions, through "
                + "the public API.", ""},
        subcommands = {LoginCommand.class, WhoamiCommand.class, EnvironmentsCommand.class, MembersCommand.class,
                CanICommand.class, PushCommand.class, PromoteCommand.class, AutoscalingCommand.class,
                AuditCommand.class, ApiKeysCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nConfiguration:%n",
        footer = {"  ~/.envguard/config.json (or $ENVGUARD_CONFIG), written by `envguard login`",
                "  with mode 0600: remotes (a URL and an API key), one of them the default.",
                "  ENVGUARD_URL and ENVGUARD_API_KEY override the URL and the key of the",
                "  remote in use; without any, http://127.0.0.1:8080.",
                "",
                "Example:",
                "  envguard login --url http://127.0.0.1:8080",
                "  envguard environments restrict production",
                "  envguard environments grant production \"Grace Hopper\" --expires 4h",
                "  envguard push --model fraud-detector --promote"})
public final class Envguard {

    @Option(names = "--remote", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "The remote of the configuration file to use (default: its default remote).")
    String remote;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT", defaultValue = "table",
            converter = FormatConverter.class,
            description = "table (default) or json, for scripts.")
    Output.Format format = Output.Format.TABLE;

    private final Map<String, String> environment;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;
    private final Prompter prompter;
    private final ObjectMapper json = mapper();
    private Session session;

    public Envguard(Map<String, String> environment, PrintWriter out, PrintWriter err, Clock clock, Prompter prompter) {
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.prompter = prompter;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(new Envguard(System.getenv(), out, err, Clock.systemUTC(), Prompter.system()).execute(args));
    }

    public int execute(String... args) {
        return commandLine().execute(args);
    }

    CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this);
        Map<String, String> exitCodes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            exitCodes.put(String.format("%3d", code.code()), code.meaning());
        }
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
        commandLine.setOut(out).setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, line, parsed) -> fail(e));
        return commandLine;
    }

    Session session() {
        if (session == null) {
            Output output = new Output(format, out, err, json);
            session = new Session(output, new ConfigFile(ConfigFile.locate(environment), json), environment, remote,
                    json, clock, prompter);
        }
        return session;
    }

    private int fail(Exception e) throws Exception {
        Failure failure;
        if (e instanceof Failure f) {
            failure = f;
        } else if (e instanceof ApiException api) {
            failure = Failures.of(api);
        } else if (e instanceof Unreachable unreachable) {
            failure = Failures.of(unreachable);
        } else if (e instanceof UncheckedIOException io) {
            failure = new Failure(ExitCode.ERROR, io.getMessage());
        } else {
            throw e;
        }
        report(failure);
        return failure.exitCode().code();
    }

    private void report(Failure failure) {
        Output output = session().output();
        if (output.isJson()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("exit_code", failure.exitCode().code());
            error.put("message", String.join(" ", failure.lines()));
            failure.details().forEach(error::putIfAbsent);
            out.println(output.toJson(Map.of("error", error)));
            out.flush();
        }
        boolean first = true;
        for (String line : failure.lines()) {
            err.println(first ? "envguard: " + line : "  " + line);
            first = false;
        }
        err.flush();
    }

    static ObjectMapper mapper() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<Output.Format> {
        @Override
        public Output.Format convert(String value) {
            return switch (value.toLowerCase()) {
                case "table" -> Output.Format.TABLE;
                case "json" -> Output.Format.JSON;
                default -> throw new CommandLine.TypeConversionException("must be table or json, not \"" + value + "\"");
            };
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Envguard.class.getPackage().getImplementationVersion();
            return new String[]{"envguard " + (version == null ? "(development build)" : version)};
        }
    }
}
