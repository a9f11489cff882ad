package io.userstore.shell.script;

/**
 * One command of a script: where it starts ({@code source:line}) and its text, continuations
 * joined; or, with a {@code problem}, a line that could not be read as a command at all.
 */
public record ScriptLine(String source, int number, String text, String problem) {

    public ScriptLine(String source, int number, String text) {
        this(source, number, text, null);
    }

    static ScriptLine unreadable(String source, int number, String problem) {
        return new ScriptLine(source, number, "", problem);
    }

    public String where() {
        return source + ":" + number;
    }
}
