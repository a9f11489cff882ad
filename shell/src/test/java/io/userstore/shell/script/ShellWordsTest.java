package io.userstore.shell.script;

import io.userstore.domain.UserStoreException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShellWordsTest {

    @Test
    void splits_like_a_posix_shell() {
        assertEquals(List.of("user", "add", "bob"), ShellWords.split("  user   add\tbob "));
        assertEquals(List.of("it's"), ShellWords.split("'it'\\''s'"));
        assertEquals(List.of("a\\b"), ShellWords.split("'a\\b'"));
        assertEquals(List.of("abcde fg"), ShellWords.split("abc\"de f\"g"));
        assertEquals(List.of("a \"q\" $ \\ \\n"), ShellWords.split("\"a \\\"q\\\" \\$ \\\\ \\n\""));
        assertEquals(List.of("a b"), ShellWords.split("a\\ b"));
        assertEquals(List.of("", "x"), ShellWords.split("'' x"));
        assertEquals(List.of("x", "y#z"), ShellWords.split("x y#z # a comment"));
    }

    @Test
    void an_unclosed_quote_is_an_error_naming_the_column() {
        UserStoreException e = assertThrows(UserStoreException.class, () -> ShellWords.split("user add 'bob"));
        assertEquals("unclosed ' quote at column 10; close it with '", e.getMessage());
    }

    @Test
    void quote_gives_back_the_same_word() {
        for (String word : List.of("plain", "two words", "it's", "", "a\\b", "\"q\"")) {
            assertEquals(List.of(word), ShellWords.split(ShellWords.quote(word)));
        }
    }
}
