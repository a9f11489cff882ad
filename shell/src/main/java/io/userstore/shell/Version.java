package io.userstore.shell;

import picocli.CommandLine;

/** The version printed by --version, from the jar's manifest when packaged. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[]{"userstore " + (version == null ? "development build" : version)};
    }
}
