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
import java.util.function.Predicate;

/** Loads a spec from a file, or a built-in one as {@code builtin:NAME}. */
public final class SpecFiles {

    public static final List<String> BUILTIN = List.of("django_auth_user", "custom_user", "profile");
    /** Far more than any spec needs; parsing a huge file would take minutes and much memory. */
    private static final long MAX_BYTES = 256 * 1024;

    private SpecFiles() {
    }

    /** A spec that names its projection itself. */
    public static ProjectionSpec load(String reference) {
        return load(reference, null);
    }

    /** The spec for projection {@code name} (which wins over the spec's own {@code name:}). */
    public static ProjectionSpec load(String reference, String name) {
        return SpecParser.parse(text(reference), reference, name);
    }

    /** As {@link #load(String, String)}, refusing tables that exist and are not userstore's (see {@link SpecParser}). */
    static ProjectionSpec load(String reference, String name, Predicate<String> notOurs) {
        return SpecParser.parse(text(reference), reference, name, notOurs);
    }

    /** A spec's text, as written, from its file or as a built-in. */
    public static String text(String reference) {
        if (reference.startsWith("builtin:")) {
            String builtin = reference.substring("builtin:".length());
            try (InputStream in = SpecFiles.class.getResourceAsStream("/specs/" + builtin + ".yaml")) {
                if (in == null || !BUILTIN.contains(builtin)) {
                    throw new UserStoreException("no built-in spec '" + builtin + "'; built-in: builtin:"
                            + String.join(", builtin:", BUILTIN));
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserStoreException("built-in spec " + builtin + " could not be read: " + e.getMessage());
            }
        }
        Path file = Path.of(reference);
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new UserStoreException("spec file " + reference + " is " + Files.size(file) + " bytes; a spec is"
                        + " a page of YAML or JSON (at most " + MAX_BYTES / 1024 + " KB): is it the right file?");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserStoreException("spec file " + reference + " does not exist; built-in specs are builtin:"
                    + String.join(", builtin:", BUILTIN));
        } catch (IOException e) {
            throw new UserStoreException("spec file " + reference + " could not be read: " + e.getMessage());
        }
    }
}
