package io.userstore.projections.api;

/** What a {@code switch} or {@code rollback} did: the binding now in place, and what it replaced. */
public record SwitchResult(Binding now) {

    public String stableTable() {
        return now.stableTable();
    }
}
