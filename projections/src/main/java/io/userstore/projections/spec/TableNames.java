package io.userstore.projections.spec;

import io.userstore.domain.UserStore;

import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Table names a spec may not give: PostgreSQL's own (its catalogs are read before any other
 * schema, so a table of that name would be hidden behind them), userstore's own, and tables of
 * the database that userstore does not maintain (only {@code django adopt} takes one over).
 */
final class TableNames {

    private static final Set<String> PROJECTIONS = Set.of("projection", "projection_version", "projection_binding");

    private TableNames() {
    }

    static void check(String table, int line, Predicate<String> notOurs, BiConsumer<Integer, String> fail) {
        if (table.startsWith("pg_")) {
            fail.accept(line, "table '" + table + "' starts with pg_, which PostgreSQL keeps for its own catalogs"
                    + " (a table of that name would hide behind one); choose another name");
        } else if (UserStore.TABLES.contains(table) || PROJECTIONS.contains(table)) {
            fail.accept(line, "table '" + table + "' is the name of one of userstore's own tables; choose another name");
        } else if (notOurs.test(table)) {
            fail.accept(line, "table '" + table + "' exists already and userstore does not maintain it; choose another"
                    + " name (`django adopt` takes Django's auth tables over)");
        }
    }
}
