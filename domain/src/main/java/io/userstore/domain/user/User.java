package io.userstore.domain.user;

import io.userstore.domain.user.UserCommands.ChangePassword;
import io.userstore.domain.user.UserCommands.DeleteUser;
import io.userstore.domain.user.UserCommands.ForgetUser;
import io.userstore.domain.user.UserCommands.GrantPermissions;
import io.userstore.domain.user.UserCommands.ImportUser;
import io.userstore.domain.user.UserCommands.JoinGroups;
import io.userstore.domain.user.UserCommands.LeaveGroups;
import io.userstore.domain.user.UserCommands.RecordLogin;
import io.userstore.domain.user.UserCommands.RegisterUser;
import io.userstore.domain.user.UserCommands.RenameUser;
import io.userstore.domain.user.UserCommands.RevokePermissions;
import io.userstore.domain.user.UserCommands.UnsetAttributes;
import io.userstore.domain.user.UserCommands.UpdateUser;
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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.LinkedHashSet;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One user's consistency boundary. Command handlers check the rules and apply events; the
 * events are folded by {@link UserFold}, with personal data left sealed (no decision needs it).
 */
public class User {

    @AggregateIdentifier
    private Long id;
    private final UserFold state = new UserFold(UserFold.KEEP_SEALED);

    protected User() {
        // for Axon
    }

    @CommandHandler
    public User(RegisterUser command) {
        apply(new UserRegistered(command.userId(), command.username(), command.email(), command.firstName(),
                command.lastName(), command.passwordHash(), command.active(), command.staff(), command.superuser(),
                command.dateJoined()));
        command.attributes().forEach((key, value) -> apply(new AttributeSet(key, value)));
    }

    @CommandHandler
    public User(ImportUser command) {
        apply(new UserImported(command.userId(), command.username(), command.passwordHash(), command.lastLogin(),
                command.superuser(), command.firstName(), command.lastName(), command.email(), command.staff(),
                command.active(), command.dateJoined(), List.copyOf(command.groups()),
                List.copyOf(command.permissions())));
    }

    @CommandHandler
    public void handle(RenameUser command) {
        requireLive();
        apply(new UsernameChanged(command.username()));
    }

    @CommandHandler
    public void handle(UpdateUser command) {
        requireLive();
        if (command.email() != null) {
            apply(new EmailChanged(command.email()));
        }
        if (command.firstName() != null || command.lastName() != null) {
            apply(new NameChanged(command.firstName(), command.lastName()));
        }
        if (command.active() != null && command.active() != state.active()) {
            apply(command.active() ? new UserActivated() : new UserDeactivated());
        }
        if (command.staff() != null && command.staff() != state.staff()) {
            apply(command.staff() ? new StaffGranted() : new StaffRevoked());
        }
        if (command.superuser() != null && command.superuser() != state.superuser()) {
            apply(command.superuser() ? new SuperuserGranted() : new SuperuserRevoked());
        }
        command.attributes().forEach((key, value) -> apply(new AttributeSet(key, value)));
    }

    @CommandHandler
    public void handle(UnsetAttributes command) {
        requireLive();
        List<String> missing = command.keys().stream().filter(key -> !state.attributes().containsKey(key)).toList();
        if (!missing.isEmpty()) {
            throw violation("has no attribute " + String.join(", ", missing)
                    + "; `user show` lists the attributes it has");
        }
        new LinkedHashSet<>(command.keys()).forEach(key -> apply(new AttributeUnset(key)));
    }

    @CommandHandler
    public void handle(ChangePassword command) {
        requireLive();
        apply(new PasswordChanged(command.passwordHash()));
    }

    @CommandHandler
    public void handle(JoinGroups command) {
        requireLive();
        new LinkedHashSet<>(command.groups()).stream()
                .filter(group -> !state.groups().contains(group))
                .forEach(group -> apply(new GroupJoined(group)));
    }

    @CommandHandler
    public void handle(LeaveGroups command) {
        requireLive();
        List<String> notMember = command.groups().stream().filter(group -> !state.groups().contains(group)).toList();
        if (!notMember.isEmpty()) {
            throw violation("is not in group " + String.join(", ", notMember));
        }
        new LinkedHashSet<>(command.groups()).forEach(group -> apply(new GroupLeft(group)));
    }

    @CommandHandler
    public void handle(GrantPermissions command) {
        requireLive();
        new LinkedHashSet<>(command.permissions()).stream()
                .filter(permission -> !state.permissions().contains(permission))
                .forEach(permission -> apply(new PermissionGranted(permission)));
    }

    @CommandHandler
    public void handle(RevokePermissions command) {
        requireLive();
        List<String> notHeld = command.permissions().stream().filter(p -> !state.permissions().contains(p)).toList();
        if (!notHeld.isEmpty()) {
            throw violation("does not have permission " + String.join(", ", notHeld));
        }
        new LinkedHashSet<>(command.permissions()).forEach(permission -> apply(new PermissionRevoked(permission)));
    }

    @CommandHandler
    public void handle(RecordLogin command) {
        requireLive();
        apply(new UserLoggedIn(command.at()));
    }

    /** A deleted user can still be forgotten: its events keep its personal data until then. */
    @CommandHandler
    public void handle(ForgetUser command) {
        if (state.forgotten()) {
            throw violation("was forgotten already");
        }
        apply(new UserForgotten());
    }

    /** A forgotten user can still be deleted: its row without personal data then leaves the tables. */
    @CommandHandler
    public void handle(DeleteUser command) {
        if (state.deleted()) {
            throw violation("was deleted already");
        }
        apply(new UserDeleted());
    }

    private void requireLive() {
        if (state.forgotten()) {
            throw violation("was forgotten: its personal data is erased and it can no longer change");
        }
        if (state.deleted()) {
            throw violation("was deleted; it can no longer change");
        }
    }

    private UserRuleViolation violation(String problem) {
        return new UserRuleViolation(id, problem);
    }

    /** Every event, through the one fold the read side uses too. */
    @EventSourcingHandler
    void on(Object event) {
        state.apply(event);
        id = state.id();
    }
}
