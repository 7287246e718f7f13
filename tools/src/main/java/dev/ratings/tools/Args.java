package dev.ratings.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: flags named up front ({@code --admin}), options with a value ({@code --name
 * value} or {@code --name=value}, repeatable) and positional words. Options are looked up without
 * their dashes. A wrong argument is an {@link IllegalArgumentException}, which {@link Tools} prints
 * as a usage error.
 */
public final class Args {

    private final List<String> positional = new ArrayList<>();
    private final Set<String> flagsGiven = new java.util.HashSet<>();
    private final Map<String, List<String>> options = new HashMap<>();

    private Args() {}

    /** @param flags the options that take no value, without dashes */
    public static Args parse(String[] args, Set<String> flags) {
        Args parsed = new Args();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                parsed.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            int equals = name.indexOf('=');
            if (equals >= 0) {
                parsed.add(name.substring(0, equals), name.substring(equals + 1));
            } else if (flags.contains(name)) {
                parsed.flagsGiven.add(name);
            } else if (i + 1 < args.length) {
                parsed.add(name, args[++i]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        return parsed;
    }

    private void add(String name, String value) {
        options.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
    }

    public boolean flag(String name) {
        return flagsGiven.contains(name);
    }

    public List<String> positional() {
        return List.copyOf(positional);
    }

    /** Every value given to a repeatable option, in order. */
    public List<String> all(String name) {
        return List.copyOf(options.getOrDefault(name, List.of()));
    }

    public String text(String name) {
        List<String> values = options.get(name);
        if (values == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return values.get(values.size() - 1);
    }

    public String text(String name, String fallback) {
        return options.containsKey(name) ? text(name) : fallback;
    }

    public long number(String name) {
        String value = text(name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'");
        }
    }

    public long number(String name, long fallback) {
        return options.containsKey(name) ? number(name) : fallback;
    }

    public double decimal(String name, double fallback) {
        return options.containsKey(name) ? Double.parseDouble(text(name)) : fallback;
    }

    /** Refuses options the command does not know: a misspelt one must not be ignored. */
    public Args only(Set<String> known) {
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return this;
    }
}
