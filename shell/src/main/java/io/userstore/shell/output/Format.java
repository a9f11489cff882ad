package io.userstore.shell.output;

/** How data is printed: aligned columns for people, or JSON / CSV for programs. */
public enum Format {
    TABLE, JSON, CSV
}
