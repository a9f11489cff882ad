package io.userstore.domain.user;

import io.userstore.domain.user.UserCommands.ChangePassword;
import io.userstore.domain.user.UserCommands.ForgetUser;
import io.userstore.domain.user.UserCommands.GrantPermissions;
import io.userstore.domain.user.UserCommands.ImportUser;
import io.userstore.domain.user.UserCommands.JoinGroups;
import io.userstore.domain.user.UserCommands.LeaveGroups;
import io.userstore.domain.user.UserCommands.RecordLogin;
import io.userstore.domain.user.UserCommands.RegisterUser;
import io.userstore.domain.user.UserCommands.RenameUser;
import io.userstore.domain.user.UserCommands.RevokePermissions;
import io.userstore.domain.user.UserCommands.UnsetAttributes;
import io.userstore.domain.user.UserCommands.UpdateUser;
import io.userstore.domain.event.UserEvents.AttributeSet;
import io.userstore.domain.event.UserEvents.AttributeUnset;
import io.userstore.domain.event.UserEvents.EmailChanged;
import io.userstore.domain.event.UserEvents.GroupJoined;
import io.userstore.domain.event.UserEvents.GroupLeft;
import io.userstore.domain.event.UserEvents.PasswordChanged;
import io.userstore.domain.event.UserEvents.PermissionGranted;
import io.userstore.domain.event.UserEvents.PermissionRevoked;
import io.userstore.domain.event.UserEvents.StaffGranted;
import io.userstore.domain.event.UserEvents.UserDeactivated;
import io.userstore.domain.event.UserEvents.UserForgotten;
import io.userstore.domain.event.UserEvents.UserImported;
import io.userstore.domain.event.UserEvents.UserLoggedIn;
import io.userstore.domain.event.UserEvents.UserRegistered;
import io.userstore.domain.event.UserEvents.UsernameChanged;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class UserAggregateTest {

    private static final long ID = 7;
    private static final Instant JOINED = Instant.parse("2025-01-02T03:04:05.123456Z");
    private static final UserRegistered REGISTERED =
            new UserRegistered(ID, "s:alice", "s:mail", "s:first", "s:last", "!x", true, false, false, JOINED);

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    @Test
    void registering_records_the_user_then_each_attribute() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("phone", "s:123");
        attributes.put("vk_id", "s:9");
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ID, "s:alice", "s:mail", "s:first", "s:last", "!x", true, false, false,
                        JOINED, attributes))
                .expectEvents(REGISTERED, new AttributeSet("phone", "s:123"), new AttributeSet("vk_id", "s:9"));
    }

    @Test
    void importing_keeps_the_legacy_row_with_its_groups_and_permissions_as_one_fact() {
        Instant login = Instant.parse("2024-06-01T10:00:00.000001Z");
        fixture.givenNoPriorActivity()
                .when(new ImportUser(ID, "s:alice", "pbkdf2_sha256$1$a$b", login, true, "s:f", "s:l", "s:e",
                        true, false, JOINED, List.of("Editors"), List.of("shop.refund_order")))
                .expectEvents(new UserImported(ID, "s:alice", "pbkdf2_sha256$1$a$b", login, true, "s:f", "s:l", "s:e",
                        true, false, JOINED, List.of("Editors"), List.of("shop.refund_order")));
        fixture.given(new UserImported(ID, "s:alice", "!", null, false, "", "", "", false, true, JOINED,
                        List.of("Editors"), List.of()))
                .when(new LeaveGroups(ID, List.of("Editors")))
                .expectEvents(new GroupLeft("Editors"));
    }

    @Test
    void an_update_records_only_what_changes() {
        fixture.given(REGISTERED)
                .when(new UpdateUser(ID, "s:new", null, null, true, true, false, Map.of("phone", "s:1")))
                .expectEvents(new EmailChanged("s:new"), new StaffGranted(), new AttributeSet("phone", "s:1"));
    }

    @Test
    void deactivating_an_active_user_is_recorded_once() {
        fixture.given(REGISTERED, new UserDeactivated())
                .when(new UpdateUser(ID, null, null, null, false, null, null, Map.of()))
                .expectNoEvents();
    }

    @Test
    void renaming_records_the_sealed_new_name() {
        fixture.given(REGISTERED)
                .when(new RenameUser(ID, "s:bob"))
                .expectEvents(new UsernameChanged("s:bob"));
    }

    @Test
    void unsetting_an_attribute_the_user_lacks_is_refused() {
        fixture.given(REGISTERED, new AttributeSet("phone", "s:1"))
                .when(new UnsetAttributes(ID, List.of("phone", "birthday")))
                .expectException(UserRuleViolation.class)
                .expectExceptionMessage("user #7 has no attribute birthday; `user show` lists the attributes it has");
    }

    @Test
    void unsetting_attributes_records_each_once() {
        fixture.given(REGISTERED, new AttributeSet("phone", "s:1"))
                .when(new UnsetAttributes(ID, List.of("phone", "phone")))
                .expectEvents(new AttributeUnset("phone"));
    }

    @Test
    void joining_a_group_twice_changes_nothing() {
        fixture.given(REGISTERED, new GroupJoined("Editors"))
                .when(new JoinGroups(ID, List.of("Editors", "editors")))
                .expectEvents(new GroupJoined("editors"));
    }

    @Test
    void leaving_a_group_one_is_not_in_is_refused() {
        fixture.given(REGISTERED, new GroupJoined("Editors"))
                .when(new LeaveGroups(ID, List.of("Editors", "Staff")))
                .expectException(UserRuleViolation.class)
                .expectExceptionMessage("user #7 is not in group Staff");
    }

    @Test
    void leaving_groups_records_each() {
        fixture.given(REGISTERED, new GroupJoined("Editors"))
                .when(new LeaveGroups(ID, List.of("Editors")))
                .expectEvents(new GroupLeft("Editors"));
    }

    @Test
    void permissions_are_granted_once_and_revoked_only_when_held() {
        fixture.given(REGISTERED, new PermissionGranted("shop.view_order"))
                .when(new GrantPermissions(ID, List.of("shop.view_order", "shop.refund_order")))
                .expectEvents(new PermissionGranted("shop.refund_order"));
        fixture.given(REGISTERED)
                .when(new RevokePermissions(ID, List.of("shop.view_order")))
                .expectException(UserRuleViolation.class)
                .expectExceptionMessage("user #7 does not have permission shop.view_order");
        fixture.given(REGISTERED, new PermissionGranted("shop.view_order"))
                .when(new RevokePermissions(ID, List.of("shop.view_order")))
                .expectEvents(new PermissionRevoked("shop.view_order"));
    }

    @Test
    void password_changes_and_logins_are_recorded() {
        Instant at = Instant.parse("2025-05-01T12:00:00Z");
        fixture.given(REGISTERED).when(new ChangePassword(ID, "pbkdf2_sha256$1$s$h"))
                .expectEvents(new PasswordChanged("pbkdf2_sha256$1$s$h"));
        fixture.given(REGISTERED).when(new RecordLogin(ID, at)).expectEvents(new UserLoggedIn(at));
    }

    @Test
    void a_forgotten_user_can_no_longer_change() {
        fixture.given(REGISTERED).when(new ForgetUser(ID)).expectEvents(new UserForgotten());
        fixture.given(REGISTERED, new UserForgotten())
                .when(new UpdateUser(ID, "s:x", null, null, null, null, null, Map.of()))
                .expectException(UserRuleViolation.class)
                .expectExceptionMessage("user #7 was forgotten: its personal data is erased and it can no longer change");
        fixture.given(REGISTERED, new UserForgotten())
                .when(new ForgetUser(ID))
                .expectException(UserRuleViolation.class);
    }
}
