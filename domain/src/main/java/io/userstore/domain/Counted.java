package io.userstore.domain;

/** A count with its noun, as people write it: "1 row", "2 rows", "1,200 users". */
public final class Counted {

    private Counted() {
    }

    /** {@code of(2, "row")} is "2 rows"; nouns here take a plain -s. */
    public static String of(long count, String noun) {
        return String.format("%,d %s%s", count, noun, count == 1 ? "" : "s");
    }
}
