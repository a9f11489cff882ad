package io.userstore.domain.user;

import java.time.Instant;
import java.util.SortedMap;
import java.util.SortedSet;

/** A user as {@code user show} and {@code user list} present it; never holds the password hash. */
public record UserView(long id, String username, String email, String firstName, String lastName,
                       boolean active, boolean staff, boolean superuser, Instant lastLogin, Instant dateJoined,
                       SortedSet<String> groups, SortedSet<String> permissions,
                       SortedMap<String, String> attributes, String passwordAlgorithm, boolean forgotten,
                       boolean deleted) {
}
