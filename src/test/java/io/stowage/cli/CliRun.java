package io.stowage.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line, in process, with what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    java.util.List<String> outLines() {
        return out.lines().toList();
    }

    java.util.List<String> errLines() {
        return err.lines().toList();
    }
}
