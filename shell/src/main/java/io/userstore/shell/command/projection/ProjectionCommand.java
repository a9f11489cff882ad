package io.userstore.shell.command.projection;

import picocli.CommandLine.Command;

@Command(name = "projection", description = "User tables of any shape, built from the events, switched atomically.",
        subcommands = {ProjectionCreate.class, ProjectionList.All.class, ProjectionShow.class, ProjectionList.Status.class,
                ProjectionRebuild.class, ProjectionSwitch.class, ProjectionRollback.class, ProjectionPreview.class,
                ProjectionDiff.class, ProjectionVerify.class, ProjectionDrop.class})
public final class ProjectionCommand {
}
