package dev.ratings.ingest.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script. One a request waits for is run by its SHA-1 ({@code EVALSHA}), so the request sends
 * a few bytes instead of the whole script; Redis forgets scripts on restart or {@code SCRIPT FLUSH},
 * and then the one call that gets {@code NOSCRIPT} sends the source ({@code EVAL}, which caches it
 * again).
 */
public final class LuaScript {

    private final String source;
    private final String sha;

    public LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    public <T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        try {
            return redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException notCached) {
            return redis.eval(source, type, keys, args);
        }
    }

    /**
     * Sends the script itself ({@code EVAL}), without waiting. Not by SHA-1: after a {@code NOSCRIPT}
     * the source would go out later than commands sent meanwhile, and callers rely on a fire-and-forget
     * write being ahead of the connection's next command (a read right after a 202 sees it).
     */
    public <T> CompletionStage<T> sendAsync(
            RedisAsyncCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        return redis.<T>eval(source, type, keys, args);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
