package io.userstore.projections.engine;

import io.userstore.projections.spec.ProjectionSpec.Child;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a built version in place of tables userstore did not make (Django's {@code auth_user} and
 * its join tables, for {@code django adopt}), in the caller's transaction: the old tables stay,
 * renamed, as a backup; every foreign key that pointed at them (but their own among themselves)
 * points at the version's tables, which take the names applications use.
 */
public final class Takeover {

    /** The suffix the old tables keep as a backup. */
    public static final String BACKUP_SUFFIX = "__before_userstore";

    /** What a takeover did: the backups' names, and the keys it moved (validated after the commit). */
    public record Result(List<String> backups, List<String> movedKeys, List<String> validations) {
    }

    private Takeover() {
    }

    /**
     * @param target    the built version, under its versioned names
     * @param oldMain   the table the version's main table replaces
     * @param oldJoined the tables its child tables replace, by what they hold (groups, permissions)
     */
    public static Result takeOver(Connection connection, VersionTables target, String oldMain,
                                  Map<String, String> oldJoined) throws SQLException {
        List<String> old = new ArrayList<>(List.of(oldMain));
        old.addAll(oldJoined.values());
        Map<ForeignKeys.Key, String> keys = new LinkedHashMap<>();
        for (ForeignKeys.Key key : ForeignKeys.referencing(connection, oldMain)) {
            if (!fromAmong(key, old)) {
                keys.put(key, target.main());
            }
        }
        for (Map.Entry<String, String> joined : oldJoined.entrySet()) {
            Optional<Child> counterpart = target.spec().children().stream()
                    .filter(child -> child.from().equals(joined.getKey())).findFirst();
            for (ForeignKeys.Key key : ForeignKeys.referencing(connection, joined.getValue())) {
                if (!fromAmong(key, old) && counterpart.isPresent()) {
                    keys.put(key, target.child(counterpart.get()));
                }
            }
        }
        List<String> locks = new ArrayList<>(keys.keySet().stream().map(ForeignKeys.Key::table).distinct().toList());
        old.forEach(table -> locks.add(SqlNames.table(table)));
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE " + String.join(", ", locks) + " IN ACCESS EXCLUSIVE MODE");
        }
        String candidate = target.spec().name() + " v" + target.version();
        ForeignKeys.refuseStranding(connection, keys, candidate, "put " + candidate + " in place of " + oldMain);
        List<String> backups = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : old) {
                statement.execute("ALTER TABLE " + SqlNames.table(table) + " RENAME TO "
                        + SqlNames.quote(table + BACKUP_SUFFIX));
                backups.add(table + BACKUP_SUFFIX);
            }
            for (ForeignKeys.Key key : keys.keySet()) {
                statement.execute(key.drop());
            }
            VersionTables serving = target.rename(connection, true);
            for (Map.Entry<ForeignKeys.Key, String> key : keys.entrySet()) {
                String stable = key.getValue().equals(target.main()) ? serving.main()
                        : serving.child(target.spec().children().stream()
                        .filter(child -> target.child(child).equals(key.getValue())).findFirst().orElseThrow());
                statement.execute(key.getKey().addTo(stable));
                moved.add(key.getKey().describe());
            }
        }
        return new Result(backups, moved, keys.keySet().stream().filter(ForeignKeys.Key::validated)
                .map(ForeignKeys.Key::validate).toList());
    }

    private static boolean fromAmong(ForeignKeys.Key key, List<String> tables) {
        return tables.stream().anyMatch(table -> key.table().equals(SqlNames.table(table))
                || key.table().equals(SqlNames.TABLE_SCHEMA + "." + table));
    }

    /** Validates the moved keys, each in a transaction of its own, blocking no one. */
    public static void validate(io.userstore.domain.tx.Jdbc jdbc, Result result) {
        for (String validation : result.validations()) {
            try {
                jdbc.inTransaction(connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(validation);
                    }
                });
            } catch (RuntimeException e) {
                // it stays NOT VALID; the rows were checked under the takeover's locks
            }
        }
    }
}
