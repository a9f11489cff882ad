package io.userstore.projections;

import io.userstore.domain.UserStoreException;
import io.userstore.projections.spec.ProjectionSpec;
import io.userstore.projections.spec.SpecParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Loads a spec from a file, or a built-in one as {@code builtin:NAME}. */
public final class SpecFiles {

    public static final List<String> BUILTIN = List.of("django_auth_user", "custom_user", "profile");

    private SpecFiles() {
    }

    public static ProjectionSpec load(String reference) {
        if (reference.startsWith("builtin:")) {
            String name = reference.substring("builtin:".length());
            try (InputStream in = SpecFiles.class.getResourceAsStream("/specs/" + name + ".yaml")) {
                if (in == null || !BUILTIN.contains(name)) {
                    throw new UserStoreException("no built-in spec '" + name + "'; built-in: builtin:"
                            + String.join(", builtin:", BUILTIN));
                }
                return SpecParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), reference);
            } catch (IOException e) {
                throw new UserStoreException("built-in spec " + name + " could not be read: " + e.getMessage());
            }
        }
        Path file = Path.of(reference);
        try {
            return SpecParser.parse(Files.readString(file, StandardCharsets.UTF_8), reference);
        } catch (NoSuchFileException e) {
            throw new UserStoreException("spec file " + reference + " does not exist; built-in specs are builtin:"
                    + String.join(", builtin:", BUILTIN));
        } catch (IOException e) {
            throw new UserStoreException("spec file " + reference + " could not be read: " + e.getMessage());
        }
    }
}
