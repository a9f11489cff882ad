package io.userstore.projections.django;

import io.userstore.domain.UserStoreException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Django user model, {@code APP_LABEL.MODEL}, and the names Django gives its tables: the model's
 * table {@code app_model}, its many-to-many tables {@code app_model_groups} and
 * {@code app_model_user_permissions} with the column {@code model_id} for the user.
 */
public record DjangoModel(String appLabel, String modelName) {

    /** Django's own user model. */
    public static final DjangoModel AUTH_USER = new DjangoModel("auth", "User");
    private static final Pattern FORM = Pattern.compile("[a-z_][a-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*");

    public static DjangoModel parse(String text) {
        if (text == null) {
            return AUTH_USER;
        }
        if (!FORM.matcher(text).matches()) {
            throw new UserStoreException("--model '" + text + "' is not APP_LABEL.MODEL, as AUTH_USER_MODEL names it"
                    + " (e.g. users.CustomUser)");
        }
        String[] parts = text.split("\\.");
        return new DjangoModel(parts[0], parts[1]);
    }

    public boolean isAuthUser() {
        return equals(AUTH_USER);
    }

    /** The model's name as Django keeps it in {@code django_content_type}: {@code customuser}. */
    public String contentTypeModel() {
        return modelName.toLowerCase(Locale.ROOT);
    }

    public String table() {
        return appLabel + "_" + contentTypeModel();
    }

    public String groupsTable() {
        return table() + "_groups";
    }

    public String permissionsTable() {
        return table() + "_user_permissions";
    }

    /** The user's column in the many-to-many tables: {@code customuser_id}. */
    public String userColumn() {
        return contentTypeModel() + "_id";
    }

    /** Django's default verbose name: {@code CustomUser} is "custom user". */
    public String verboseName() {
        return modelName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return appLabel + "." + modelName;
    }
}
