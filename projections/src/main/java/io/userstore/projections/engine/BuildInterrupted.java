package io.userstore.projections.engine;

/** Ctrl-C during a build: committed batches stay, the version stays "building". */
final class BuildInterrupted extends RuntimeException {

    BuildInterrupted() {
        super("interrupted", null, false, false);
    }
}
