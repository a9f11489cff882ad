package io.userstore.domain.read;

import io.userstore.domain.event.UserEvents.AttributeSet;
import io.userstore.domain.event.UserEvents.AttributeUnset;
import io.userstore.domain.event.UserEvents.EmailChanged;
import io.userstore.domain.event.UserEvents.GroupJoined;
import io.userstore.domain.event.UserEvents.GroupLeft;
import io.userstore.domain.event.UserEvents.NameChanged;
import io.userstore.domain.event.UserEvents.PasswordChanged;
import io.userstore.domain.event.UserEvents.PermissionGranted;
import io.userstore.domain.event.UserEvents.PermissionRevoked;
import io.userstore.domain.event.UserEvents.UserImported;
import io.userstore.domain.event.UserEvents.UserLoggedIn;
import io.userstore.domain.event.UserEvents.UserRegistered;
import io.userstore.domain.event.UserEvents.UsernameChanged;
import io.userstore.domain.password.DjangoPasswordHasher;
import io.userstore.domain.user.UserFold;

import java.util.Locale;

/** What an event did, in words, for {@code user history}: personal data opened, hashes never shown. */
final class HistoryWording {

    private HistoryWording() {
    }

    /** "UserLoggedIn" → "user logged in". */
    static String eventName(Class<?> eventType) {
        return eventType.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    /** Describes an event from the state it left the user in ({@code after} has applied it). */
    static String describe(Object event, UserFold after) {
        if (event instanceof UserRegistered) {
            return "username=" + after.username() + flags(after);
        }
        if (event instanceof UserImported e) {
            return "id=" + after.id() + " username=" + after.username() + flags(after)
                    + (e.groups().isEmpty() ? "" : " groups=" + String.join(",", e.groups()))
                    + (e.permissions().isEmpty() ? "" : " permissions=" + String.join(",", e.permissions()));
        }
        if (event instanceof UsernameChanged) {
            return "username=" + after.username();
        }
        if (event instanceof EmailChanged) {
            return "email=" + after.email();
        }
        if (event instanceof NameChanged e) {
            String first = e.firstName() == null ? "" : "first_name=" + after.firstName();
            String last = e.lastName() == null ? "" : "last_name=" + after.lastName();
            return first + (first.isEmpty() || last.isEmpty() ? "" : " ") + last;
        }
        if (event instanceof PasswordChanged) {
            return "algorithm=" + DjangoPasswordHasher.algorithmOf(after.passwordHash());
        }
        if (event instanceof AttributeSet e) {
            return e.key() + "=" + after.attributes().get(e.key());
        }
        if (event instanceof AttributeUnset e) {
            return e.key();
        }
        if (event instanceof GroupJoined e) {
            return e.group();
        }
        if (event instanceof GroupLeft e) {
            return e.group();
        }
        if (event instanceof PermissionGranted e) {
            return e.permission();
        }
        if (event instanceof PermissionRevoked e) {
            return e.permission();
        }
        if (event instanceof UserLoggedIn e) {
            return "at=" + e.at();
        }
        return "";
    }

    private static String flags(UserFold user) {
        return (user.active() ? "" : " inactive") + (user.staff() ? " staff" : "") + (user.superuser() ? " superuser" : "");
    }
}
