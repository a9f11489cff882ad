package io.userstore.projections.api;

/** One difference between two projections, by primary key; {@code (row)} marks a row only one has. */
public record Difference(String key, String column, String left, String right) {
}
