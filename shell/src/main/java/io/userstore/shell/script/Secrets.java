package io.userstore.shell.script;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and masks the secrets on a command line: the value after any option whose name mentions
 * a password (also when misspelt), or after {@code =} in one. Used for the history file and for
 * error messages that quote what was typed.
 */
public final class Secrets {

    private static final Pattern SECRET_OPTION = Pattern.compile("(?i)--?[a-z-]*(pas|pwd|secret|hash)[a-z-]*");
    private static final String MASK = "***";

    private Secrets() {
    }

    /**
     * The secret values among the words of a command line: the value of a password option, and
     * the words that follow it up to the next option, which are the rest of a password typed
     * with spaces and without quotes.
     */
    public static Set<String> in(List<String> words) {
        Set<String> secrets = new LinkedHashSet<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            int equals = word.indexOf('=');
            int rest;
            if (equals > 0 && SECRET_OPTION.matcher(word.substring(0, equals)).matches()) {
                secrets.add(word.substring(equals + 1));
                rest = i + 1;
            } else if (SECRET_OPTION.matcher(word).matches() && i + 1 < words.size()) {
                secrets.add(words.get(i + 1)); // even one that starts with '-'
                rest = i + 2;
            } else {
                continue;
            }
            while (rest < words.size() && !words.get(rest).startsWith("-")) {
                secrets.add(words.get(rest++));
            }
            i = rest - 1;
        }
        secrets.remove("");
        return secrets;
    }

    public static String mask(String text, Set<String> secrets) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    /** The line with every secret value replaced, quoting kept as typed where possible. */
    public static String maskLine(String line) {
        List<String> words;
        try {
            words = ShellWords.split(line);
        } catch (RuntimeException unbalanced) {
            return maskAfterOptions(line);
        }
        Set<String> secrets = in(words);
        return secrets.isEmpty() ? line : maskAfterOptions(mask(line, secrets));
    }

    /** Masks the words after a password option, up to the next option, even when the line cannot be split. */
    private static String maskAfterOptions(String line) {
        Matcher m = Pattern.compile("(?i)(?<!\\S)(--?[a-z-]*(?:pas|pwd|secret|hash)[a-z-]*)(=|\\s+)(\"[^\"]*\"?|'[^']*'?|\\S+)(\\s+[^-\\s]\\S*)*").matcher(line);
        return m.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + match.group(2) + MASK));
    }
}
