package io.userstore.shell.command.user;

import picocli.CommandLine.Command;

@Command(name = "user", description = "Add, change, inspect and forget users.",
        subcommands = {UserAdd.class, UserSet.class, UserUnset.class, UserRename.class, UserPasswd.class,
                UserCheckPassword.class, UserLogin.class, UserActivate.class, UserDeactivate.class, UserJoin.class,
                UserLeave.class, UserGrant.class, UserRevoke.class, UserShow.class, UserList.class,
                UserHistory.class, UserForget.class, UserDelete.class})
public final class UserCommand {
}
