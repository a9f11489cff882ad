package io.userstore.projections.api;

/**
 * What a {@code switch} or {@code rollback} did: the binding now in place (with what it replaced),
 * how many foreign keys of applications now point at the tables in service, and how long it took
 * (catching up, waiting for locks and checking the rows that point at the tables included).
 */
public record SwitchResult(Binding now, int foreignKeysMoved, double seconds) {

    public String stableTable() {
        return now.stableTable();
    }
}
