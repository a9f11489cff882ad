package io.userstore.projections.api;

/** Which projection version a stable name serves, and which it served before (the rollback target). */
public record Binding(String stableTable, String name, int version, String previousName, Integer previousVersion) {
}
