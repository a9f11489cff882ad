package io.userstore.domain.user;

import io.userstore.domain.UserStoreException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code KEY=VALUE} assignments of {@code user set} and {@code user add --set}, validated and
 * sorted into core fields (null: unchanged) and custom attributes.
 */
public record UserChanges(String email, String firstName, String lastName, Boolean active, Boolean staff,
                          Boolean superuser, Map<String, String> attributes) {

    public static UserChanges parse(Map<String, String> assignments) {
        String email = null;
        String firstName = null;
        String lastName = null;
        Boolean active = null;
        Boolean staff = null;
        Boolean superuser = null;
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> assignment : assignments.entrySet()) {
            String key = assignment.getKey();
            String value = assignment.getValue();
            switch (key) {
                case "email" -> email = UserRules.email(value);
                case "first_name" -> firstName = UserRules.name(key, value);
                case "last_name" -> lastName = UserRules.name(key, value);
                case "is_active" -> active = UserRules.flag(key, value);
                case "is_staff" -> staff = UserRules.flag(key, value);
                case "is_superuser" -> superuser = UserRules.flag(key, value);
                default -> attributes.put(UserRules.attributeKey(key), UserRules.attributeValue(key, value));
            }
        }
        return new UserChanges(email, firstName, lastName, active, staff, superuser, attributes);
    }

    /** Splits {@code KEY=VALUE}; the value may itself contain '='. */
    public static Map.Entry<String, String> assignment(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new UserStoreException("'" + text + "' is not KEY=VALUE; write it like phone=+49301234567");
        }
        return Map.entry(text.substring(0, equals), text.substring(equals + 1));
    }

    public static Map<String, String> assignments(Iterable<String> texts) {
        Map<String, String> assignments = new LinkedHashMap<>();
        for (String text : texts) {
            Map.Entry<String, String> entry = assignment(text);
            assignments.put(entry.getKey(), entry.getValue());
        }
        return assignments;
    }
}
