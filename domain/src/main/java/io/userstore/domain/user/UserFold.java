package io.userstore.domain.user;

import io.userstore.domain.crypto.PersonalDataCipher;
import io.userstore.domain.event.UserEvents.AttributeSet;
import io.userstore.domain.event.UserEvents.AttributeUnset;
import io.userstore.domain.event.UserEvents.EmailChanged;
import io.userstore.domain.event.UserEvents.GroupJoined;
import io.userstore.domain.event.UserEvents.GroupLeft;
import io.userstore.domain.event.UserEvents.NameChanged;
import io.userstore.domain.event.UserEvents.PasswordChanged;
import io.userstore.domain.event.UserEvents.PermissionGranted;
import io.userstore.domain.event.UserEvents.PermissionRevoked;
import io.userstore.domain.event.UserEvents.StaffGranted;
import io.userstore.domain.event.UserEvents.StaffRevoked;
import io.userstore.domain.event.UserEvents.SuperuserGranted;
import io.userstore.domain.event.UserEvents.SuperuserRevoked;
import io.userstore.domain.event.UserEvents.UserActivated;
import io.userstore.domain.event.UserEvents.UserDeactivated;
import io.userstore.domain.event.UserEvents.UserForgotten;
import io.userstore.domain.event.UserEvents.UserImported;
import io.userstore.domain.event.UserEvents.UserLoggedIn;
import io.userstore.domain.event.UserEvents.UserRegistered;
import io.userstore.domain.event.UserEvents.UsernameChanged;
import io.userstore.domain.password.DjangoPasswordHasher;

import java.time.Instant;
import java.util.Collections;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Folds one user's events, in order, into its current state, opening sealed values with the
 * user's key (a forgotten user's values read as {@link PersonalDataCipher#ERASED}). Also says
 * in words what each event did, for {@code user history}.
 */
public final class UserFold {

    private final PersonalDataCipher cipher;
    private final byte[] key;
    private long id;
    private String username;
    private String email = "";
    private String firstName = "";
    private String lastName = "";
    private boolean active = true;
    private boolean staff;
    private boolean superuser;
    private Instant lastLogin;
    private Instant dateJoined;
    private String passwordHash;
    private boolean forgotten;
    private final TreeSet<String> groups = new TreeSet<>();
    private final TreeSet<String> permissions = new TreeSet<>();
    private final TreeMap<String, String> attributes = new TreeMap<>();

    public UserFold(PersonalDataCipher cipher, byte[] key) {
        this.cipher = cipher;
        this.key = key;
    }

    public boolean registered() {
        return dateJoined != null;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public UserView view() {
        return new UserView(id, username, email, firstName, lastName, active, staff, superuser, lastLogin, dateJoined,
                Collections.unmodifiableSortedSet(new TreeSet<>(groups)),
                Collections.unmodifiableSortedSet(new TreeSet<>(permissions)),
                Collections.unmodifiableSortedMap(new TreeMap<>(attributes)),
                DjangoPasswordHasher.algorithmOf(passwordHash), forgotten);
    }

    /** Applies one event and returns what it did, in words. */
    public String apply(Object event) {
        if (event instanceof UserRegistered e) {
            id = e.userId();
            username = open(e.username());
            email = open(e.email());
            firstName = open(e.firstName());
            lastName = open(e.lastName());
            passwordHash = e.passwordHash();
            active = e.active();
            staff = e.staff();
            superuser = e.superuser();
            dateJoined = e.dateJoined();
            return "username=" + username + describeFlags();
        }
        if (event instanceof UserImported e) {
            id = e.userId();
            username = open(e.username());
            email = open(e.email());
            firstName = open(e.firstName());
            lastName = open(e.lastName());
            passwordHash = e.passwordHash();
            lastLogin = e.lastLogin();
            active = e.active();
            staff = e.staff();
            superuser = e.superuser();
            dateJoined = e.dateJoined();
            groups.addAll(e.groups());
            permissions.addAll(e.permissions());
            return "id=" + id + " username=" + username + describeFlags()
                    + (e.groups().isEmpty() ? "" : " groups=" + String.join(",", e.groups()))
                    + (e.permissions().isEmpty() ? "" : " permissions=" + String.join(",", e.permissions()));
        }
        if (event instanceof UsernameChanged e) {
            username = open(e.username());
            return "username=" + username;
        }
        if (event instanceof EmailChanged e) {
            email = open(e.email());
            return "email=" + email;
        }
        if (event instanceof NameChanged e) {
            StringBuilder said = new StringBuilder();
            if (e.firstName() != null) {
                firstName = open(e.firstName());
                said.append("first_name=").append(firstName);
            }
            if (e.lastName() != null) {
                lastName = open(e.lastName());
                said.append(said.isEmpty() ? "" : " ").append("last_name=").append(lastName);
            }
            return said.toString();
        }
        if (event instanceof PasswordChanged e) {
            passwordHash = e.passwordHash();
            return "algorithm=" + DjangoPasswordHasher.algorithmOf(passwordHash);
        }
        if (event instanceof AttributeSet e) {
            String value = open(e.value());
            attributes.put(e.key(), value);
            return e.key() + "=" + value;
        }
        if (event instanceof AttributeUnset e) {
            attributes.remove(e.key());
            return e.key();
        }
        if (event instanceof GroupJoined e) {
            groups.add(e.group());
            return e.group();
        }
        if (event instanceof GroupLeft e) {
            groups.remove(e.group());
            return e.group();
        }
        if (event instanceof PermissionGranted e) {
            permissions.add(e.permission());
            return e.permission();
        }
        if (event instanceof PermissionRevoked e) {
            permissions.remove(e.permission());
            return e.permission();
        }
        if (event instanceof UserLoggedIn e) {
            lastLogin = e.at();
            return "at=" + e.at();
        }
        if (event instanceof UserForgotten) {
            forgotten = true;
            return "";
        }
        return applyFlag(event);
    }

    private String applyFlag(Object event) {
        if (event instanceof UserActivated) {
            active = true;
        } else if (event instanceof UserDeactivated) {
            active = false;
        } else if (event instanceof StaffGranted) {
            staff = true;
        } else if (event instanceof StaffRevoked) {
            staff = false;
        } else if (event instanceof SuperuserGranted) {
            superuser = true;
        } else if (event instanceof SuperuserRevoked) {
            superuser = false;
        } else {
            throw new IllegalStateException("no fold for event " + event.getClass().getName());
        }
        return "";
    }

    private String describeFlags() {
        return (active ? "" : " inactive") + (staff ? " staff" : "") + (superuser ? " superuser" : "");
    }

    private String open(String sealed) {
        return cipher.open(key, id, sealed);
    }

    /** "UserLoggedIn" → "user logged in". */
    public static String eventName(Class<?> eventType) {
        return eventType.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
