package io.portal.system;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a configuration file that is not valid YAML: where (line and column), what
 * the parser found, and the usual fixes, instead of the parser's stack trace.
 */
class MalformedConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<MarkedYAMLException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MarkedYAMLException cause) {
        Mark mark = (cause.getProblemMark() != null) ? cause.getProblemMark() : cause.getContextMark();
        Mark context = cause.getContextMark();
        boolean openedEarlier = context != null && mark != null && context.getLine() != mark.getLine();
        String file = file(rootFailure);
        StringBuilder description = new StringBuilder(file).append(" is not valid YAML");
        if (mark != null) {
            description.append(" at ").append(position(mark));
        }
        description.append(": ").append(problem(cause));
        if (openedEarlier) {
            description.append(" (what it was reading began at ").append(position(context)).append(')');
        }
        description.append('.');
        Mark shown = (openedEarlier && endOfFile(cause)) ? context : mark;
        if (shown != null && shown.get_snippet() != null && !shown.get_snippet().isBlank()) {
            description.append(System.lineSeparator()).append(shown.get_snippet());
        }
        String action;
        if (openedEarlier && endOfFile(cause)) {
            action = "Close the bracket or quote that opens at " + position(context) + " of " + file
                    + " (']', '}' or the matching quote), or remove it.";
        }
        else {
            action = action(file, (mark != null) ? "line " + (mark.getLine() + 1) : "the place shown", problem(cause));
        }
        return new FailureAnalysis(description.toString(), action, cause);
    }

    private static String position(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    private static boolean endOfFile(MarkedYAMLException cause) {
        String problem = String.valueOf(cause.getProblem());
        return problem.contains("<stream end>") || problem.contains("end of stream") || problem.contains("end of the stream");
    }

    private static String action(String file, String line, String problem) {
        if (problem.contains("TAB")) {
            return "Replace the tab at " + line + " of " + file + " with spaces: YAML indents with spaces only.";
        }
        if (problem.contains("duplicate key")) {
            return "Set each key once per block: remove or merge the repeated key at " + line + " of " + file + ".";
        }
        if (problem.contains("expected <block end>") || problem.contains("mapping values are not allowed")
                || problem.contains("could not find expected ':'")) {
            return "Check the indentation and the colons at " + line + " of " + file + ": a key lines up with the keys of the "
                    + "same block (two spaces deeper than its parent), is followed by ': ' and a value, and values that "
                    + "contain ': ' or '#' are quoted (password: \"p@ss: word\").";
        }
        return "Fix " + line + " of " + file + ": indent with spaces by the same amount at each level, put a space after "
                + "each colon ('port: 8443'), and quote values that contain ': ', '#', '{' or '[' or start with '*', '&', "
                + "'!', '%' or '@'.";
    }

    private static String problem(MarkedYAMLException cause) {
        String problem = (cause.getProblem() != null) ? cause.getProblem() : cause.getMessage();
        if (cause.getContext() != null) {
            problem = cause.getContext() + ": " + problem;
        }
        return problem.replace('\n', ' ').trim();
    }

    private static String file(Throwable failure) {
        for (Throwable ex = failure; ex != null; ex = ex.getCause()) {
            if (ex instanceof NamingYamlPropertySourceLoader.MalformedConfigurationException malformed) {
                return malformed.getFile();
            }
        }
        return "A configuration file";
    }

}
