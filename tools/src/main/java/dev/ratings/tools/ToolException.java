package dev.ratings.tools;

/** A command that could not do its work (a service down, a refusal): {@link Tools} prints it and exits 1. */
public final class ToolException extends RuntimeException {

    public ToolException(String message) {
        super(message);
    }
}
