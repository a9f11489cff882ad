package io.userstore.domain;

/** What {@code store info} reports. */
public record StoreInfo(String location, String serverVersion, long events, long users, long forgottenUsers,
                        long deletedUsers, String lastEventAt) {
}
