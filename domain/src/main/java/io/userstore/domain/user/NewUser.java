package io.userstore.domain.user;

import java.util.Map;

/**
 * What {@code user add} asks for. {@code assignments} are the {@code --set KEY=VALUE} pairs: core
 * field names set core fields, any other key is a custom attribute.
 */
public record NewUser(String username, Long requestedId, PasswordInput password, Map<String, String> assignments) {
}
