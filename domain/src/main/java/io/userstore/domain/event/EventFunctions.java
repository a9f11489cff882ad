package io.userstore.domain.event;

import org.axonframework.serialization.Revision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL functions that append events from SQL ({@code event-functions.sql}), with the type
 * names and revisions of the event classes filled in: renaming an event or raising its revision
 * changes the SQL with it.
 */
public final class EventFunctions {

    private static final Pattern EVENT = Pattern.compile("\\$\\{([A-Za-z]+)\\.(type|revision)}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

    private EventFunctions() {
    }

    /** @param names what {@code ${EVENT_TABLE}} and the other upper-case placeholders stand for */
    public static String sql(Map<String, String> names) {
        String text = template();
        Matcher events = EVENT.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (events.find()) {
            Class<?> type = eventType(events.group(1));
            String value = events.group(2).equals("type") ? type.getName() : type.getAnnotation(Revision.class).value();
            events.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        events.appendTail(filled);
        Matcher placeholders = PLACEHOLDER.matcher(filled.toString());
        StringBuilder done = new StringBuilder();
        while (placeholders.find()) {
            String value = names.get(placeholders.group(1));
            if (value == null) {
                throw new IllegalStateException("event-functions.sql names an unknown placeholder " + placeholders.group());
            }
            placeholders.appendReplacement(done, Matcher.quoteReplacement(value));
        }
        placeholders.appendTail(done);
        return done.toString();
    }

    private static Class<?> eventType(String simpleName) {
        for (Class<?> type : UserEvents.class.getDeclaredClasses()) {
            if (type.getSimpleName().equals(simpleName)) {
                return type;
            }
        }
        throw new IllegalStateException("event-functions.sql names an unknown event " + simpleName);
    }

    /** The SQL as written, placeholders and all. */
    public static String template() {
        try (InputStream in = EventFunctions.class.getResourceAsStream("event-functions.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
