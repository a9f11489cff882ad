package io.userstore.projections.api;

import java.util.Map;

/** What {@code verify} found: equal, or how many rows differ per table. */
public record Verification(String name, int version, long rows, Map<String, Long> differingRows) {

    public boolean equal() {
        return differingRows.values().stream().allMatch(count -> count == 0);
    }
}
