package io.envguard.cli;

/** Questions to the person at the terminal: a secret read without echo, and a yes/no confirmation. */
public interface Prompter {

    /** The answer, or null when no one can be asked (not a terminal, no input). */
    String secret(String prompt);

    /** True only for an explicit yes; null when no one can be asked. */
    Boolean confirm(String question);

    /** Whether progress may be redrawn in place (a terminal). */
    boolean interactive();

    /** The terminal of this process ({@link System#console()}); piped standard input still answers {@link #secret}. */
    static Prompter system() {
        return new Prompter() {
            @Override
            public String secret(String prompt) {
                if (System.console() != null) {
                    char[] answer = System.console().readPassword("%s", prompt);
                    return answer == null ? null : new String(answer);
                }
                try {
                    java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
                    return in.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }

            @Override
            public Boolean confirm(String question) {
                if (System.console() == null) {
                    return null;
                }
                String answer = System.console().readLine("%s [y/N] ", question);
                return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
            }

            @Override
            public boolean interactive() {
                return System.console() != null;
            }
        };
    }
}
