package io.userstore.domain.read;

import java.time.Instant;

/** One event of a user as {@code user history} shows it: personal data opened, hashes left out. */
public record HistoryEntry(long sequence, Instant at, String event, String details) {
}
