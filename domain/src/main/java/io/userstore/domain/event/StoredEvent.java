package io.userstore.domain.event;

/** One row of the event table as a reader that streams the table gets it, not decoded yet. */
public interface StoredEvent {

    long sequence();

    String type();

    String revision();

    byte[] payload();

    String timestamp();
}
