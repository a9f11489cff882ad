package io.userstore.domain.user;

import java.time.Instant;
import java.util.List;

/** A user row from another system (a Django auth_user), kept exactly as it was. */
public record LegacyUser(long id, String username, String passwordHash, Instant lastLogin, boolean superuser,
                         String firstName, String lastName, String email, boolean staff, boolean active,
                         Instant dateJoined, List<String> groups, List<String> permissions) {
}
