package io.userstore.shell.command.projection;

import io.userstore.projections.engine.Registry.Version;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A projection version as list, show and status print it. */
final class VersionFields {

    static final List<String> COLUMNS = List.of("projection", "version", "state", "serving", "rows", "events",
            "behind", "seconds", "events_per_second", "error");

    private VersionFields() {
    }

    /** @param rows the rows it holds now (a ready version changes with every append) */
    static Map<String, Object> of(Version version, String serving, long rows, long head) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("projection", version.name());
        fields.put("version", version.version());
        fields.put("state", version.state());
        fields.put("serving", serving);
        fields.put("rows", rows);
        fields.put("events", version.events());
        fields.put("behind", version.state().equals("ready") ? 0
                : Math.max(0, head - (version.position() == null ? 0 : version.position())));
        fields.put("seconds", version.seconds() == null ? null : Math.round(version.seconds() * 100) / 100.0);
        fields.put("events_per_second", version.seconds() == null || version.seconds() == 0 ? null
                : Math.round(version.events() / version.seconds()));
        fields.put("error", version.error());
        return fields;
    }

    static String summary(String verb, Version version) {
        String rate = version.seconds() == null || version.seconds() == 0 ? ""
                : String.format(" (%,d events/s)", Math.round(version.events() / version.seconds()));
        return String.format("%s %s v%d: %,d rows from %,d events in %.2f s%s", verb, version.name(), version.version(),
                version.rows(), version.events(), version.seconds() == null ? 0 : version.seconds(), rate);
    }
}
