package io.userstore.domain.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What can be asked of a {@code User} aggregate. Personal data arrives already sealed with the
 * user's key and passwords already hashed: no plaintext secret travels in a command.
 */
public final class UserCommands {

    private UserCommands() {
    }

    public record RegisterUser(@TargetAggregateIdentifier long userId, String username, String email,
                               String firstName, String lastName, String passwordHash, boolean active,
                               boolean staff, boolean superuser, Instant dateJoined,
                               Map<String, String> attributes) {
    }

    public record ImportUser(@TargetAggregateIdentifier long userId, String username, String passwordHash,
                             Instant lastLogin, boolean superuser, String firstName, String lastName,
                             String email, boolean staff, boolean active, Instant dateJoined,
                             List<String> groups, List<String> permissions) {
    }

    public record RenameUser(@TargetAggregateIdentifier long userId, String username) {
    }

    /**
     * Changes any of the core fields and sets attributes; a null field is left as it is. Only
     * what differs becomes an event.
     */
    public record UpdateUser(@TargetAggregateIdentifier long userId, String email, String firstName,
                             String lastName, Boolean active, Boolean staff, Boolean superuser,
                             Map<String, String> attributes) {
    }

    public record UnsetAttributes(@TargetAggregateIdentifier long userId, List<String> keys) {
    }

    public record ChangePassword(@TargetAggregateIdentifier long userId, String passwordHash) {
    }

    public record JoinGroups(@TargetAggregateIdentifier long userId, List<String> groups) {
    }

    public record LeaveGroups(@TargetAggregateIdentifier long userId, List<String> groups) {
    }

    public record GrantPermissions(@TargetAggregateIdentifier long userId, List<String> permissions) {
    }

    public record RevokePermissions(@TargetAggregateIdentifier long userId, List<String> permissions) {
    }

    public record RecordLogin(@TargetAggregateIdentifier long userId, Instant at) {
    }

    public record ForgetUser(@TargetAggregateIdentifier long userId) {
    }

    public record DeleteUser(@TargetAggregateIdentifier long userId) {
    }
}
