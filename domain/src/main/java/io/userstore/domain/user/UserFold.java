package io.userstore.domain.user;

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
import io.userstore.domain.event.UserEvents.UserDeleted;
import io.userstore.domain.event.UserEvents.UserForgotten;
import io.userstore.domain.event.UserEvents.UserImported;
import io.userstore.domain.event.UserEvents.UserLoggedIn;
import io.userstore.domain.event.UserEvents.UserRegistered;
import io.userstore.domain.event.UserEvents.UsernameChanged;
import io.userstore.domain.password.DjangoPasswordHasher;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one fold of a user's events, in order, into its state: the {@link User} aggregate decides
 * on it (keeping personal values sealed, which no decision needs) and the read side and the
 * projections show it (opening them with the user's key), so the two cannot disagree.
 */
public final class UserFold {

    /** Opens a sealed value of a user. */
    @FunctionalInterface
    public interface Opener {
        String open(long userId, String sealed);
    }

    /** For the aggregate: personal values stay sealed. */
    public static final Opener KEEP_SEALED = (userId, sealed) -> sealed;

    private final Opener opener;
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
    private boolean deleted;
    private final TreeSet<String> groups = new TreeSet<>();
    private final TreeSet<String> permissions = new TreeSet<>();
    private final TreeMap<String, String> attributes = new TreeMap<>();

    public UserFold(Opener opener) {
        this.opener = opener;
    }

    /** Applies one event. */
    public void apply(Object event) {
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
        } else if (event instanceof UserImported e) {
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
        } else if (event instanceof UsernameChanged e) {
            username = open(e.username());
        } else if (event instanceof EmailChanged e) {
            email = open(e.email());
        } else if (event instanceof NameChanged e) {
            firstName = e.firstName() == null ? firstName : open(e.firstName());
            lastName = e.lastName() == null ? lastName : open(e.lastName());
        } else if (event instanceof PasswordChanged e) {
            passwordHash = e.passwordHash();
        } else if (event instanceof AttributeSet e) {
            attributes.put(e.key(), open(e.value()));
        } else if (event instanceof AttributeUnset e) {
            attributes.remove(e.key());
        } else if (event instanceof GroupJoined e) {
            groups.add(e.group());
        } else if (event instanceof GroupLeft e) {
            groups.remove(e.group());
        } else if (event instanceof PermissionGranted e) {
            permissions.add(e.permission());
        } else if (event instanceof PermissionRevoked e) {
            permissions.remove(e.permission());
        } else if (event instanceof UserLoggedIn e) {
            lastLogin = e.at();
        } else if (event instanceof UserForgotten) {
            forgotten = true;
        } else if (event instanceof UserDeleted) {
            deleted = true;
        } else {
            applyFlag(event);
        }
    }

    private void applyFlag(Object event) {
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
    }

    private String open(String sealed) {
        return opener.open(id, sealed);
    }

    public boolean registered() {
        return dateJoined != null;
    }

    public long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
    }

    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    public boolean active() {
        return active;
    }

    public boolean staff() {
        return staff;
    }

    public boolean superuser() {
        return superuser;
    }

    public boolean forgotten() {
        return forgotten;
    }

    public boolean deleted() {
        return deleted;
    }

    public String passwordHash() {
        return passwordHash;
    }

    /** Live views of the sets and attributes (copy them to keep them). */
    public SortedSet<String> groups() {
        return Collections.unmodifiableSortedSet(groups);
    }

    public SortedSet<String> permissions() {
        return Collections.unmodifiableSortedSet(permissions);
    }

    public SortedMap<String, String> attributes() {
        return Collections.unmodifiableSortedMap(attributes);
    }

    public UserView view() {
        return new UserView(id, username, email, firstName, lastName, active, staff, superuser, lastLogin, dateJoined,
                Collections.unmodifiableSortedSet(new TreeSet<>(groups)),
                Collections.unmodifiableSortedSet(new TreeSet<>(permissions)),
                Collections.unmodifiableSortedMap(new TreeMap<>(attributes)),
                DjangoPasswordHasher.algorithmOf(passwordHash), forgotten, deleted);
    }
}
