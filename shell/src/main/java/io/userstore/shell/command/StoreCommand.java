package io.userstore.shell.command;

import io.userstore.domain.StoreInfo;
import io.userstore.shell.ShellContext;
import io.userstore.shell.output.Result;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "store", description = "About the store itself.",
        subcommands = StoreCommand.Info.class)
public final class StoreCommand {

    @Command(name = "info",
            description = "Location, server version, events, users and projections.")
    public static final class Info implements Callable<Result> {

        private final ShellContext context;

        public Info(ShellContext context) {
            this.context = context;
        }

        @Override
        public Result call() {
            StoreInfo info = context.store().info();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("location", info.location());
            fields.put("server_version", info.serverVersion());
            fields.put("events", info.events());
            fields.put("users", info.users());
            fields.put("forgotten_users", info.forgottenUsers());
            fields.put("deleted_users", info.deletedUsers());
            fields.put("projections", context.projections().names().size());
            fields.put("last_event_at", info.lastEventAt());
            return new Result.Record(fields);
        }
    }
}
