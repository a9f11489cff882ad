package io.userstore.projections.api;

/**
 * What a {@code switch} or {@code rollback} did: the binding now in place (with what it replaced),
 * and how many foreign keys of applications now point at the tables in service.
 */
public record SwitchResult(Binding now, int foreignKeysMoved) {

    public String stableTable() {
        return now.stableTable();
    }
}
