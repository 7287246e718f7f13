package dev.ratings.tools.token;

import dev.ratings.auth.TokenCommand;
import dev.ratings.tools.Args;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code token [--admin] <user> [ttl]}, and the tokens the other commands send: all minted by the
 * auth module's {@link TokenCommand} with the settings the services read from the environment (the
 * secret in {@code RATINGS_AUTH_JWTSECRET}, never on a command line).
 */
public final class TokenTool {

    static final String USAGE = "usage: token [--admin] <user> [ttl]; user: 1-64 characters of A-Z a-z 0-9 _ . @ -";
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    private TokenTool() {}

    public static void run(String[] arguments) {
        Args args = Args.parse(arguments, Set.of("admin")).only(Set.of());
        List<String> words = args.positional();
        if (words.isEmpty() || words.size() > 2 || !USER.matcher(words.get(0)).matches()) {
            throw new IllegalArgumentException(USAGE);
        }
        String ttl = words.size() == 2 ? words.get(1) : "24h";
        System.out.println(mint(args.flag("admin"), ttl, List.of(words.get(0))).get(0));
    }

    /** One token per user; the ttl as {@code ./ratings token} takes it (90s, 30m, 24h, PT2H). */
    public static List<String> mint(boolean admin, String ttl, List<String> users) {
        List<String> command = new ArrayList<>();
        if (admin) {
            command.add("--admin");
        }
        command.add("--ttl");
        command.add(ttl);
        command.addAll(users);
        return TokenCommand.tokens(command.toArray(String[]::new), System.getenv(), Instant.now());
    }
}
