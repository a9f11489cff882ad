/**
 * The machinery behind {@link io.userstore.projections.Projections}: building versions, keeping the
 * one in service current, publishing it under its stable name. Internal: nothing outside the
 * projections module uses it, and it carries no compatibility promise.
 */
package io.userstore.projections.engine;
