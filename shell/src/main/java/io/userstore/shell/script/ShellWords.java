package io.userstore.shell.script;

import io.userstore.domain.UserStoreException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as a POSIX shell does: whitespace separates words; single
 * quotes keep everything literally; double quotes keep everything but {@code \"}, {@code \\},
 * {@code \$} and {@code \`}; a backslash outside quotes escapes the next character; a {@code #}
 * that starts a word starts a comment. (JLine's DefaultParser differs on {@code 'it'\''s'},
 * {@code 'a\b'} and {@code abc"de f"g}, so scripts are split here.)
 */
public final class ShellWords {

    private ShellWords() {
    }

    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '#' && !inWord) {
                break;
            } else if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new UserStoreException("unclosed ' quote at column " + (i + 1) + "; close it with '");
                }
                word.append(line, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 < line.length()) {
                    word.append(line.charAt(i + 1));
                }
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static int doubleQuoted(String line, int open, StringBuilder word) {
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new UserStoreException("unclosed \" quote at column " + (open + 1) + "; close it with \"");
    }

    /** Quotes a word so that {@link #split} gives it back unchanged. */
    public static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
