package io.userstore.domain.read;

import io.userstore.domain.UserStoreException;
import io.userstore.domain.crypto.PersonalDataCipher;
import io.userstore.domain.log.EventLog;
import io.userstore.domain.registry.UserRef;
import io.userstore.domain.registry.UserRegistry;
import io.userstore.domain.user.UserFold;
import io.userstore.domain.user.UserRules;
import io.userstore.domain.user.UserView;
import io.userstore.domain.event.UserEvents;
import io.userstore.domain.password.DjangoPasswordHasher;
import io.userstore.domain.password.PasswordCheck;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The read side of the {@code user} verbs, answered from the events themselves (projections are
 * the fast way to read many users; these answers are the source of truth they are checked by).
 */
public final class UserQueries {

    private final Function<String, DomainEventStream> userEvents;
    private final EventStorageEngine storageEngine;
    private final UserRegistry registry;
    private final PersonalDataCipher cipher;
    private final DjangoPasswordHasher hasher;
    private final EventLog log;

    /** @param userEvents a user's events by aggregate identifier, those of the unit of work in progress included */
    public UserQueries(Function<String, DomainEventStream> userEvents, EventStorageEngine storageEngine,
                       UserRegistry registry, PersonalDataCipher cipher, DjangoPasswordHasher hasher, EventLog log) {
        this.userEvents = userEvents;
        this.storageEngine = storageEngine;
        this.registry = registry;
        this.cipher = cipher;
        this.hasher = hasher;
        this.log = log;
    }

    /** The user now, or as it was at {@code asOf} when that is given. */
    public UserView show(String reference, Instant asOf) {
        UserRef user = registry.find(reference);
        UserFold fold = new UserFold(UserFolds.opener(cipher, user.key()));
        events(user).filter(event -> asOf == null || !event.getTimestamp().isAfter(asOf))
                .forEach(event -> fold.apply(event.getPayload()));
        if (!fold.registered()) {
            throw new UserStoreException("user " + reference + " did not exist yet at " + asOf
                    + "; `user history " + reference + "` shows when it was registered");
        }
        return fold.view();
    }

    public List<HistoryEntry> history(String reference) {
        UserRef user = registry.find(reference);
        UserFold fold = new UserFold(UserFolds.opener(cipher, user.key()));
        return events(user).map(event -> {
            fold.apply(event.getPayload());
            return new HistoryEntry(event.getSequenceNumber(), event.getTimestamp(),
                    HistoryWording.eventName(event.getPayloadType()), HistoryWording.describe(event.getPayload(), fold));
        }).toList();
    }

    public PasswordCheck checkPassword(String reference, String plaintext) {
        UserRef user = registry.find(reference);
        if (user.forgotten()) {
            throw new UserStoreException("user " + reference + " was forgotten; it has no password any more");
        }
        UserFold fold = new UserFold(UserFolds.opener(cipher, user.key()));
        events(user).forEach(event -> fold.apply(event.getPayload()));
        return hasher.check(plaintext, fold.passwordHash());
    }

    /**
     * Users in id order that match every filter ({@code KEY=VALUE} on a core field, an attribute,
     * {@code group} or {@code permission}); forgotten users are left out. One pass over the log.
     */
    public List<UserView> list(int limit, Map<String, String> where) {
        Map<Long, byte[]> keys = registry.keys();
        Map<Long, UserFold> folds = new HashMap<>();
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(null, false)) {
            events.forEach(event -> {
                if (event instanceof DomainEventMessage<?> domainEvent) {
                    long id = Long.parseLong(domainEvent.getAggregateIdentifier());
                    folds.computeIfAbsent(id, ignored -> new UserFold(UserFolds.opener(cipher, keys.get(id)))).apply(event.getPayload());
                }
            });
        }
        List<UserView> users = new ArrayList<>();
        folds.values().stream().map(UserFold::view)
                .filter(user -> !user.forgotten() && !user.deleted() && matches(user, where))
                .sorted(Comparator.comparingLong(UserView::id))
                .limit(limit < 0 ? Long.MAX_VALUE : limit)
                .forEach(users::add);
        return users;
    }

    public List<String> usernames() {
        return registry.usernames();
    }

    /** Group names ever joined, for completion. */
    public List<String> groupNames() {
        return log.distinct(UserEvents.GroupJoined.class, "group");
    }

    /** Permissions ever granted, for completion. */
    public List<String> permissionNames() {
        return log.distinct(UserEvents.PermissionGranted.class, "permission");
    }

    /** Attribute keys ever set, for completion. */
    public List<String> attributeKeys() {
        return log.distinct(UserEvents.AttributeSet.class, "key");
    }

    private Stream<? extends DomainEventMessage<?>> events(UserRef user) {
        return userEvents.apply(Long.toString(user.id())).asStream();
    }

    private static boolean matches(UserView user, Map<String, String> where) {
        return where.entrySet().stream().allMatch(filter -> matches(user, filter.getKey(), filter.getValue()));
    }

    private static boolean matches(UserView user, String key, String value) {
        return switch (key) {
            case "id" -> Long.toString(user.id()).equals(value);
            case "username" -> user.username().equals(value);
            case "email" -> user.email().equals(value);
            case "first_name" -> user.firstName().equals(value);
            case "last_name" -> user.lastName().equals(value);
            case "is_active" -> user.active() == UserRules.flag(key, value);
            case "is_staff" -> user.staff() == UserRules.flag(key, value);
            case "is_superuser" -> user.superuser() == UserRules.flag(key, value);
            case "group" -> user.groups().contains(value);
            case "permission" -> user.permissions().contains(value);
            default -> value.equals(user.attributes().get(UserRules.attributeKey(key)));
        };
    }
}
