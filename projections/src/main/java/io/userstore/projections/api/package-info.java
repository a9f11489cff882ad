/**
 * What callers of {@link io.userstore.projections.Projections} get back: versions, bindings and
 * the results of builds, switches and checks, as plain records the shell prints and tests assert on.
 */
package io.userstore.projections.api;
