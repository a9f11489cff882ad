package io.userstore.domain.write;

import io.userstore.domain.UserStoreException;
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
import io.userstore.domain.crypto.PersonalDataCipher;
import io.userstore.domain.registry.UserRef;
import io.userstore.domain.registry.UserRegistry;
import io.userstore.domain.user.LegacyUser;
import io.userstore.domain.user.NewUser;
import io.userstore.domain.user.PasswordInput;
import io.userstore.domain.user.User;
import io.userstore.domain.user.UserChanges;
import io.userstore.domain.user.UserRuleViolation;
import io.userstore.domain.user.UserRules;
import io.userstore.domain.password.DjangoPasswordHasher;
import io.userstore.domain.tx.UnitsOfWork;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The write side of every {@code user} verb: validates the input, resolves the user, hashes
 * passwords and seals personal data, then sends commands to the {@link User} aggregate, all in
 * one unit of work per operation.
 */
public final class UserWrites {

    private static final String UNUSABLE_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final Supplier<CommandGateway> commands;
    private final UserRegistry registry;
    private final PersonalDataCipher cipher;
    private final DjangoPasswordHasher hasher;
    private final UnitsOfWork units;
    private final SecureRandom random = new SecureRandom();

    public UserWrites(Supplier<CommandGateway> commands, UserRegistry registry, PersonalDataCipher cipher,
                              DjangoPasswordHasher hasher, UnitsOfWork units) {
        this.commands = commands;
        this.registry = registry;
        this.cipher = cipher;
        this.hasher = hasher;
        this.units = units;
    }

    /** Registers a user and returns its id. */
    public long add(NewUser user) {
        String username = UserRules.username(user.username());
        UserChanges fields = UserChanges.parse(user.assignments());
        if (user.requestedId() != null) {
            UserRules.id("--id", user.requestedId());
        }
        String passwordHash = passwordHash(user.password());
        Instant joined = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return units.run("user add " + username, () -> {
            byte[] key = cipher.newKey();
            long id = registry.register(username, user.requestedId(), key);
            Function<String, String> seal = plaintext -> cipher.seal(key, id, plaintext);
            commands.get().sendAndWait(new RegisterUser(id, seal.apply(username),
                    seal.apply(orEmpty(fields.email())), seal.apply(orEmpty(fields.firstName())),
                    seal.apply(orEmpty(fields.lastName())), passwordHash,
                    fields.active() == null || fields.active(), Boolean.TRUE.equals(fields.staff()),
                    Boolean.TRUE.equals(fields.superuser()), joined, sealAll(fields.attributes(), seal)));
            return id;
        });
    }

    /**
     * Imports a user from another system exactly as it was: its id, its hash verbatim, its
     * timestamps, names and e-mail unvalidated (the old system accepted them), its groups and
     * permissions. The id sequence moves past the id.
     */
    public void importUser(LegacyUser user) {
        if (user.username().isEmpty() || user.username().codePointCount(0, user.username().length()) > UserRules.MAX_USERNAME) {
            throw new UserStoreException("user " + user.id() + " has a username of "
                    + user.username().codePointCount(0, user.username().length()) + " characters; 1 to "
                    + UserRules.MAX_USERNAME + " can be imported");
        }
        units.run("import user " + user.id(), () -> {
            byte[] key = cipher.newKey();
            long id = registry.register(user.username(), user.id(), key);
            Function<String, String> seal = plaintext -> cipher.seal(key, id, plaintext);
            commands.get().sendAndWait(new ImportUser(id, seal.apply(user.username()), user.passwordHash(), user.lastLogin(),
                    user.superuser(), seal.apply(user.firstName()), seal.apply(user.lastName()), seal.apply(user.email()),
                    user.staff(), user.active(), user.dateJoined(), user.groups(), user.permissions()));
        });
    }

    /** The usernames registered under these ids (forgotten users map to null). */
    public Map<Long, String> registeredNames(Long[] ids) {
        return registry.registeredNames(ids);
    }

    /** The ids owning these usernames, where they are taken. */
    public Map<String, Long> owners(String[] usernames) {
        return registry.owners(usernames);
    }

    public void set(String username, Map<String, String> assignments) {
        if (assignments.isEmpty()) {
            throw new UserStoreException("name at least one KEY=VALUE to set, e.g. `user set "
                    + username + " email=" + "new@example.com`");
        }
        UserChanges changes = UserChanges.parse(assignments);
        onUser("user set", username, user -> {
            Function<String, String> seal = plaintext -> cipher.seal(user.key(), user.id(), plaintext);
            return new UpdateUser(user.id(), seal.apply(changes.email()), seal.apply(changes.firstName()),
                    seal.apply(changes.lastName()), changes.active(), changes.staff(), changes.superuser(),
                    sealAll(changes.attributes(), seal));
        });
    }

    public void unset(String username, List<String> keys) {
        if (keys.isEmpty()) {
            throw new UserStoreException("name at least one attribute to unset");
        }
        keys.forEach(UserRules::attributeKey);
        onUser("user unset", username, user -> new UnsetAttributes(user.id(), keys));
    }

    public void activate(String username, boolean active) {
        onUser(active ? "user activate" : "user deactivate", username,
                user -> new UpdateUser(user.id(), null, null, null, active, null, null, Map.of()));
    }

    public void rename(String username, String newUsername) {
        UserRules.username(newUsername);
        units.run("user rename " + username, () -> {
            UserRef user = live(username);
            if (username.equals(newUsername)) {
                return;
            }
            registry.rename(user.id(), newUsername);
            send(user, new RenameUser(user.id(), cipher.seal(user.key(), user.id(), newUsername)));
        });
    }

    public void changePassword(String username, PasswordInput password) {
        if (password.plaintext() == null && password.encodedHash() == null) {
            throw new UserStoreException("give the new password with --password or --password-hash");
        }
        String hash = passwordHash(password);
        onUser("user passwd", username, user -> new ChangePassword(user.id(), hash));
    }

    public void recordLogin(String username, Instant at) {
        Instant when = UserRules.instant("--at", (at == null ? Instant.now() : at).truncatedTo(ChronoUnit.MICROS));
        onUser("user login", username, user -> new RecordLogin(user.id(), when));
    }

    public void join(String username, List<String> groups) {
        UserRules.groups(groups);
        onUser("user join", username, user -> new JoinGroups(user.id(), groups));
    }

    public void leave(String username, List<String> groups) {
        UserRules.groups(groups);
        onUser("user leave", username, user -> new LeaveGroups(user.id(), groups));
    }

    public void grant(String username, List<String> permissions) {
        UserRules.permissions(permissions);
        onUser("user grant", username, user -> new GrantPermissions(user.id(), permissions));
    }

    public void revoke(String username, List<String> permissions) {
        UserRules.permissions(permissions);
        onUser("user revoke", username, user -> new RevokePermissions(user.id(), permissions));
    }

    /** Deletes the user's key and releases the username; nothing sealed for it can be read again. */
    public void forget(String username) {
        units.run("user forget " + username, () -> {
            UserRef user = registry.findForWrite(username);
            if (user.forgotten()) {
                throw new UserStoreException("user " + username + " was forgotten already");
            }
            send(user, new ForgetUser(user.id()));
            registry.forget(user.id());
        });
    }

    /**
     * The user leaves every projection and its username is free again; its history stays in the
     * log (readable as {@code #ID} until it is forgotten).
     */
    public void delete(String username) {
        units.run("user delete " + username, () -> {
            UserRef user = registry.findForWrite(username);
            if (user.deleted()) {
                throw new UserStoreException("user " + username + " was deleted already");
            }
            send(user, new DeleteUser(user.id()));
            registry.delete(user.id());
        });
    }

    private void onUser(String what, String username, Function<UserRef, Object> command) {
        units.run(what + " " + username, () -> {
            UserRef user = live(username);
            send(user, command.apply(user));
        });
    }

    private UserRef live(String username) {
        UserRef user = registry.findForWrite(username);
        if (user.forgotten()) {
            throw new UserStoreException("user " + username + " was forgotten: its personal data is erased"
                    + " and it can no longer change");
        }
        if (user.deleted()) {
            throw new UserStoreException("user " + username + " was deleted; it can no longer change");
        }
        return user;
    }

    private void send(UserRef user, Object command) {
        try {
            commands.get().sendAndWait(command);
        } catch (UserRuleViolation violation) {
            throw violation.naming(user.label());
        }
    }

    private String passwordHash(PasswordInput password) {
        if (password.encodedHash() != null) {
            return UserRules.passwordHash("--password-hash", password.encodedHash());
        }
        if (password.plaintext() != null) {
            return hasher.hash(password.plaintext().reveal());
        }
        return unusablePassword();
    }

    /** What Django's set_unusable_password stores: '!' and 40 random characters. */
    private String unusablePassword() {
        byte[] noise = new byte[40];
        random.nextBytes(noise);
        StringBuilder hash = new StringBuilder("!");
        for (byte b : noise) {
            hash.append(UNUSABLE_ALPHABET.charAt((b & 0xff) % UNUSABLE_ALPHABET.length()));
        }
        return hash.toString();
    }

    private static Map<String, String> sealAll(Map<String, String> attributes, Function<String, String> seal) {
        Map<String, String> sealed = new LinkedHashMap<>();
        attributes.forEach((key, value) -> sealed.put(key, seal.apply(value)));
        return sealed;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
