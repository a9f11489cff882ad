package io.userstore.domain.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * Every fact recorded about a user: past tense, one fact each, carrying only what changed.
 * Fields named "sealed" hold personal data encrypted with the user's key (see
 * {@code PersonalDataCipher}); password hashes are stored as Django stores them, never a
 * plaintext. A change of an event's shape raises its {@link Revision} and comes with an upcaster.
 */
public final class UserEvents {

    private UserEvents() {
    }

    /** Username, e-mail and names are sealed. */
    @Revision("1")
    public record UserRegistered(long userId, String username, String email, String firstName, String lastName,
                                 String passwordHash, boolean active, boolean staff, boolean superuser,
                                 Instant dateJoined) {
    }

    /**
     * A legacy user (a Django {@code auth_user} row with its memberships and direct permissions)
     * exactly as it was: one fact; personal fields sealed.
     */
    @Revision("1")
    public record UserImported(long userId, String username, String passwordHash, Instant lastLogin,
                               boolean superuser, String firstName, String lastName, String email,
                               boolean staff, boolean active, Instant dateJoined, List<String> groups,
                               List<String> permissions) {
    }

    /** Sealed. */
    @Revision("1")
    public record UsernameChanged(String username) {
    }

    /** Sealed. */
    @Revision("1")
    public record EmailChanged(String email) {
    }

    /** Sealed; a null name is unchanged. */
    @Revision("1")
    public record NameChanged(String firstName, String lastName) {
    }

    @Revision("1")
    public record PasswordChanged(String passwordHash) {
    }

    /** The value is sealed. */
    @Revision("1")
    public record AttributeSet(String key, String value) {
    }

    @Revision("1")
    public record AttributeUnset(String key) {
    }

    @Revision("1")
    public record UserActivated() {
    }

    @Revision("1")
    public record UserDeactivated() {
    }

    @Revision("1")
    public record StaffGranted() {
    }

    @Revision("1")
    public record StaffRevoked() {
    }

    @Revision("1")
    public record SuperuserGranted() {
    }

    @Revision("1")
    public record SuperuserRevoked() {
    }

    @Revision("1")
    public record GroupJoined(String group) {
    }

    @Revision("1")
    public record GroupLeft(String group) {
    }

    /** Revision 2 names the permission as {@code app_label.codename}; revision 1 had two fields. */
    @Revision("2")
    public record PermissionGranted(String permission) {
    }

    /** Revision 2 names the permission as {@code app_label.codename}; revision 1 had two fields. */
    @Revision("2")
    public record PermissionRevoked(String permission) {
    }

    @Revision("1")
    public record UserLoggedIn(Instant at) {
    }

    /** The user left every projection and its username is free again; its history stays in the log. */
    @Revision("1")
    public record UserDeleted() {
    }

    /** The user's key was deleted: nothing sealed for this user can be read any more. */
    @Revision("1")
    public record UserForgotten() {
    }
}
