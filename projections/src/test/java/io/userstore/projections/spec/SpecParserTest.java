package io.userstore.projections.spec;

import io.userstore.projections.SpecFiles;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every spec error is one line naming the file and the line, before anything is written. */
class SpecParserTest {

    private static final String GOOD = """
            name: custom
            table: users_custom
            columns:
              - {name: id, from: id, type: integer, primary_key: true}
              - {name: username, from: username, type: varchar(150), unique: true, transform: lower}
              - {name: vip, from: attr.vip, type: boolean, default: false}
            children:
              - table: users_custom_groups
                from: groups
                columns:
                  - {name: user_id, from: id, type: integer}
                  - {name: group, from: group, type: varchar(150)}
            where: {is_active: true}
            """;

    private static String error(String spec) {
        return assertThrows(SpecException.class, () -> SpecParser.parse(spec, "s.yaml")).getMessage();
    }

    @Test
    void reads_a_complete_spec() {
        ProjectionSpec spec = SpecParser.parse(GOOD, "s.yaml");
        assertEquals("users_custom", spec.table());
        assertEquals(3, spec.columns().size());
        assertEquals("id", spec.primaryKey().name());
        assertEquals("lower", spec.columns().get(1).transform());
        assertEquals(true, spec.where().get("is_active"));
        assertEquals("groups", spec.children().get(0).from());
    }

    @Test
    void reads_json_too() {
        ProjectionSpec spec = SpecParser.parse("{\"name\": \"p\", \"table\": \"t\", \"columns\": [{\"name\": \"id\","
                + " \"from\": \"id\", \"type\": \"bigint\", \"primary_key\": true}]}", "p.json");
        assertEquals("bigint", spec.primaryKey().type().sql());
    }

    @Test
    void unknown_source_names_file_line_and_the_known_ones() {
        assertEquals("s.yaml:6: unknown source 'attr.Vip' for column 'vip'; use one of " + Sources.KNOWN,
                error(GOOD.replace("from: attr.vip", "from: attr.Vip")));
        assertEquals("s.yaml:6: unknown source 'nickname' for column 'vip'; use one of " + Sources.KNOWN,
                error(GOOD.replace("from: attr.vip", "from: nickname")));
    }

    @Test
    void bad_types_and_type_mismatches() {
        assertEquals("s.yaml:6: unknown type 'bool' for column 'vip'; use one of " + ColumnType.KNOWN,
                error(GOOD.replace("type: boolean", "type: bool")));
        assertEquals("s.yaml:5: column 'username' of type date cannot hold username",
                error(GOOD.replace("type: varchar(150), unique", "type: date, unique")));
        assertEquals("s.yaml:6: default 'maybe' does not fit column 'vip' (boolean): not a boolean (true/false)",
                error(GOOD.replace("default: false", "default: maybe")));
    }

    @Test
    void identifiers_cannot_carry_sql() {
        assertEquals("s.yaml:2: table name 'users; DROP TABLE x' is not a plain SQL name; use lowercase letters,"
                + " digits and _ (at most 63, not starting with a digit)", error(GOOD.replaceFirst("table: users_custom\n",
                "table: \"users; DROP TABLE x\"\n")));
        assertEquals("s.yaml:5: column name 'User\"name' is not a plain SQL name; use lowercase letters, digits and _"
                + " (at most 63, not starting with a digit)", error(GOOD.replace("{name: username,", "{name: 'User\"name',")));
    }

    @Test
    void duplicates_and_structure() {
        assertEquals("s.yaml:6: duplicate column 'username'; column names must be unique",
                error(GOOD.replace("{name: vip,", "{name: username,")));
        assertEquals("s.yaml:8: table 'users_custom' is named twice in this spec",
                error(GOOD.replace("table: users_custom_groups", "table: users_custom")));
        assertEquals("s.yaml:3: give exactly one column `primary_key: true`, `from: id` (a projection has one row per user)",
                error(GOOD.replace(", primary_key: true", "")));
        assertEquals("s.yaml:6: unknown key 'nulable' in a column; known: default, from, name, nullable, primary_key,"
                + " transform, type, unique", error(GOOD.replace("default: false", "nulable: false")));
        assertEquals("s.yaml:9: a child table comes from groups or permissions, not 'roles'",
                error(GOOD.replace("from: groups", "from: roles")));
        assertEquals("s.yaml:13: unknown source 'plan' in where; use one of " + Sources.KNOWN,
                error(GOOD.replace("where: {is_active: true}", "where: {plan: pro}")));
        assertEquals("s.yaml:1: not valid YAML: expected ',' or ']', but got <stream end>",
                error("name: [unclosed"));
    }

    @Test
    void tables_of_postgresql_of_userstore_and_of_others_are_refused_at_their_line() {
        assertEquals("s.yaml:2: table 'pg_tables' starts with pg_, which PostgreSQL keeps for its own catalogs (a table"
                + " of that name would hide behind one); choose another name",
                error(GOOD.replaceFirst("table: users_custom\n", "table: pg_tables\n")));
        assertEquals("s.yaml:2: table 'domain_event_entry' is the name of one of userstore's own tables; choose another"
                + " name", error(GOOD.replaceFirst("table: users_custom\n", "table: domain_event_entry\n")));
        assertEquals("s.yaml:8: table 'projection_version' is the name of one of userstore's own tables; choose another"
                + " name", error(GOOD.replace("table: users_custom_groups", "table: projection_version")));
        SpecException taken = assertThrows(SpecException.class, () -> SpecParser.parse(GOOD, "s.yaml", null,
                table -> table.equals("users_custom_groups")));
        assertEquals("s.yaml:8: table 'users_custom_groups' exists already and userstore does not maintain it; choose"
                + " another name (`django adopt` takes Django's auth tables over)", taken.getMessage());
    }

    @Test
    void the_built_in_specs_parse() {
        for (String name : SpecFiles.BUILTIN) {
            assertEquals(name, SpecFiles.load("builtin:" + name).name());
        }
        assertEquals(16, SpecFiles.load("builtin:custom_user").columns().size());
    }
}
