package io.userstore.shell.script;

/** One command of a script: where it starts ({@code source:line}) and its text, continuations joined. */
public record ScriptLine(String source, int number, String text) {

    public String where() {
        return source + ":" + number;
    }
}
