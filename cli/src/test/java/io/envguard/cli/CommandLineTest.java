package io.envguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.envguard.cli.output.Output;
import io.envguard.cli.permissions.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user types it: parsing, help, exit codes of what fails before or without the platform. */
class CommandLineTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Envguard envguard(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of("HOME", home.toString()));
        environment.putAll(extra);
        return new Envguard(environment, new PrintWriter(out), new PrintWriter(err), Clock.systemUTC(), new NoTerminal());
    }

    @Test
    void theOutputFormatGivenAfterASubcommandAppliesToTheWholeInvocation() {
        Envguard envguard = envguard(Map.of());
        CommandLine line = envguard.commandLine();
        ParseResult parsed = line.parseArgs("environments", "list", "-o", "json", "--remote", "ci");
        assertTrue(parsed.hasSubcommand());
        assertEquals(Output.Format.JSON, envguard.format);
        assertEquals("ci", envguard.remote);
    }

    @Test
    void actionsAreTypedWithHyphensInAnyCase() {
        Envguard envguard = envguard(Map.of());
        CommandLine line = envguard.commandLine();
        ParseResult parsed = line.parseArgs("can-i", "Update-Autoscaling", "production", "--model", "m");
        assertEquals(Action.UPDATE_AUTOSCALING, parsed.subcommand().matchedPositional(0).getValue());
    }

    @Test
    void anUnknownActionIsInvalidInput() {
        assertEquals(2, envguard(Map.of()).execute("can-i", "deploy", "production", "--model", "m"));
        assertTrue(err.toString().contains("\"deploy\" is no action"), err.toString());
    }

    @Test
    void aMissingArgumentOrAnUnknownFormatIsInvalidInput() {
        assertEquals(2, envguard(Map.of()).execute("environments", "grant", "production"));
        assertTrue(err.toString().contains("Missing required parameter: 'USER'"), err.toString());
        assertEquals(2, envguard(Map.of()).execute("members", "search", "-o", "yaml"));
        assertTrue(err.toString().contains("must be table or json"), err.toString());
    }

    @Test
    void aModelAndAChainAtOnceIsInvalidInputBeforeAnyRequest() {
        assertEquals(2, envguard(Map.of()).execute("promote", "--model", "m", "--chain", "c", "--deployment", "d"));
        assertTrue(err.toString().contains("exactly one of --model and --chain"), err.toString());
    }

    @Test
    void withoutAnApiKeyAuthenticationFailsAndSaysHowToLogIn() {
        assertEquals(5, envguard(Map.of()).execute("whoami"));
        assertTrue(err.toString().contains("no API key for http://127.0.0.1:8080"), err.toString());
        assertTrue(err.toString().contains("envguard login"), err.toString());
    }

    @Test
    void anUnknownRemoteIsInvalidInput() {
        assertEquals(2, envguard(Map.of()).execute("--remote", "nowhere", "whoami"));
        assertTrue(err.toString().contains("no remote named \"nowhere\""), err.toString());
    }

    @Test
    void aPlatformThatDoesNotAnswerIsUnavailableAndNothingChanged() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int exit = envguard(Map.of("ENVGUARD_URL", "http://127.0.0.1:" + port, "ENVGUARD_API_KEY", "abc.def"))
                .execute("environments", "restrict", "production", "-o", "json");
        assertEquals(6, exit);
        assertTrue(err.toString().contains("cannot reach http://127.0.0.1:" + port), err.toString());
        assertTrue(err.toString().contains("nothing was changed"), err.toString());
        JsonNode error = Envguard.mapper().readTree(out.toString()).get("error");
        assertEquals(6, error.get("exit_code").asInt());
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        assertHasAnExample(envguard(Map.of()).commandLine());
    }

    private static void assertHasAnExample(CommandLine command) {
        if (!command.getCommandName().equals("help")) {
            String usage = command.getUsageMessage();
            assertTrue(usage.matches("(?s).*Example:\n  \\S*.*envguard .*"), command.getCommandName() + " has no example:\n" + usage);
        }
        command.getSubcommands().values().stream().distinct().forEach(CommandLineTest::assertHasAnExample);
    }

    @Test
    void theHelpListsTheExitCodes() {
        assertEquals(0, envguard(Map.of()).execute("--help"));
        for (ExitCode code : ExitCode.values()) {
            assertTrue(out.toString().contains(code.meaning().substring(0, 15)), code + " missing in:\n" + out);
        }
    }

    @Test
    void completionScriptsNameTheCommands() {
        assertEquals(0, envguard(Map.of()).execute("completion", "bash"));
        String bash = out.toString();
        assertTrue(bash.contains("complete -F") && bash.contains("environments") && bash.contains("can-i")
                && bash.contains("restrict unrestrict grant revoke"), bash);
        out.getBuffer().setLength(0);
        assertEquals(0, envguard(Map.of()).execute("completion", "zsh"));
        assertTrue(out.toString().contains("bashcompinit"));
    }

    /** No one at a terminal: nothing can be asked. */
    static final class NoTerminal implements Prompter {
        @Override
        public String secret(String prompt) {
            return null;
        }

        @Override
        public Boolean confirm(String question) {
            return null;
        }

        @Override
        public boolean interactive() {
            return false;
        }
    }
}
