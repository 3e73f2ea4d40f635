package io.envguard.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * Where results go: a readable table (or lines) by default, or the same result as JSON for scripts ({@code -o json}).
 * Results are written to standard output; progress and errors to standard error, so that JSON stays parseable.
 */
public final class Output {

    public enum Format { TABLE, JSON }

    private final Format format;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ObjectMapper json;

    public Output(Format format, PrintWriter out, PrintWriter err, ObjectMapper json) {
        this.format = format;
        this.out = out;
        this.err = err;
        this.json = json;
    }

    public boolean isJson() {
        return format == Format.JSON;
    }

    /** Prints {@code result} as JSON, or what {@code readable} renders from it. */
    public void print(Object result, Supplier<String> readable) {
        if (isJson()) {
            out.println(toJson(result));
        } else {
            String text = readable.get();
            out.print(text.endsWith("\n") ? text : text + "\n");
        }
        out.flush();
    }

    /** A line about what is going on (standard error), shown in both formats. */
    public void progress(String message) {
        err.println(message);
        err.flush();
    }

    public PrintWriter err() {
        return err;
    }

    public String toJson(Object value) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the result as JSON", e);
        }
    }
}
