package io.userstore.shell.command.projection;

import io.userstore.domain.Counted;
import io.userstore.projections.api.ProjectionVersion;
import io.userstore.projections.api.SwitchResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A projection version as list, show and status print it. */
final class VersionFields {

    static final List<String> COLUMNS = List.of("projection", "version", "state", "serving", "rows", "events",
            "behind", "seconds", "events_per_second", "error");

    private VersionFields() {
    }

    static Map<String, Object> of(ProjectionVersion version, String serving) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("projection", version.name());
        fields.put("version", version.version());
        fields.put("state", version.state().label());
        fields.put("serving", serving);
        fields.put("rows", version.rows());
        fields.put("events", version.events());
        fields.put("behind", version.behind());
        fields.put("seconds", version.seconds() == null ? null : Math.round(version.seconds() * 100) / 100.0);
        fields.put("events_per_second", version.eventsPerSecond());
        fields.put("error", version.error());
        return fields;
    }

    /** " in 0.12 s", and "; 2 foreign keys moved along" when there were any. */
    static String movedKeys(SwitchResult result) {
        int moved = result.foreignKeysMoved();
        return String.format(" in %.2f s", result.seconds())
                + (moved == 0 ? "" : "; " + Counted.of(moved, "foreign key") + " moved along");
    }

    static String summary(String verb, ProjectionVersion version) {
        String rate = version.eventsPerSecond() == null ? "" : String.format(" (%,d events/s)", version.eventsPerSecond());
        return String.format("%s %s v%d: %s from %s in %.2f s%s", verb, version.name(), version.version(),
                Counted.of(version.rows(), "row"), Counted.of(version.events(), "event"),
                version.seconds() == null ? 0 : version.seconds(), rate);
    }
}
