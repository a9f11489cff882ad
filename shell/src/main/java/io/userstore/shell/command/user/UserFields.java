package io.userstore.shell.command.user;

import io.userstore.domain.user.UserView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A user as the documented JSON object (COMMANDS.md): never the password hash, only its algorithm. */
final class UserFields {

    static final List<String> ALL = List.of("id", "username", "email", "first_name", "last_name", "is_active",
            "is_staff", "is_superuser", "last_login", "date_joined", "groups", "permissions", "attributes",
            "password_algorithm");
    static final List<String> TABLE = List.of("id", "username", "email", "first_name", "last_name", "is_active",
            "is_staff", "is_superuser", "groups");

    private UserFields() {
    }

    static Map<String, Object> of(UserView user) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", user.id());
        fields.put("username", user.username());
        fields.put("email", user.email());
        fields.put("first_name", user.firstName());
        fields.put("last_name", user.lastName());
        fields.put("is_active", user.active());
        fields.put("is_staff", user.staff());
        fields.put("is_superuser", user.superuser());
        fields.put("last_login", user.lastLogin());
        fields.put("date_joined", user.dateJoined());
        fields.put("groups", List.copyOf(user.groups()));
        fields.put("permissions", List.copyOf(user.permissions()));
        fields.put("attributes", user.attributes());
        fields.put("password_algorithm", user.passwordAlgorithm());
        return fields;
    }
}
