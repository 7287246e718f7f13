package dev.ratings.tools.demo;

import dev.ratings.tools.Http;
import dev.ratings.tools.Say;
import dev.ratings.tools.Services;
import dev.ratings.tools.ToolException;
import dev.ratings.tools.token.TokenTool;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;

/**
 * {@code demo [seconds] [--attack]}: creates a few posts and rates them from several users, about
 * four ratings a second, against the API on this machine. With {@code --attack}, half-way through
 * {@value DemoTraffic#ATTACKERS} fresh accounts rate the best-liked post 0 at once: its score should
 * barely move while its raw average falls. Bounded: at most 3600 s, loopback only.
 */
public final class Demo {

    private static final Duration PAUSE = Duration.ofMillis(250);
    private static final Duration SCORE_WAIT = Duration.ofSeconds(40);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Http api;
    private final Map<String, String> tokens;
    private final Map<Integer, Integer> statuses = new TreeMap<>();

    private Demo(Http api, Map<String, String> tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    public static void run(String[] arguments) throws InterruptedException {
        DemoPlan plan = DemoPlan.parse(arguments);
        Services services = Services.from(System.getenv());
        if (!services.loopback()) {
            throw new ToolException("the demo sends traffic to this machine only, not to " + services.host());
        }
        Map<String, String> tokens = minted(DemoTraffic.USERS, "2h");
        Demo demo = new Demo(new Http(services.ingestApi(), tokens.get(DemoTraffic.USERS.get(0))), tokens);
        List<Long> posts = demo.createPosts();
        demo.rate(plan, posts);
        if (plan.attack()) {
            demo.awaitScored(posts.get(0));
        }
        demo.summary(posts, services);
        if (plan.attack()) {
            attackHint(posts.get(0), services);
        }
    }

    private static Map<String, String> minted(List<String> users, String ttl) {
        List<String> minted = TokenTool.mint(false, ttl, users);
        Map<String, String> tokens = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            tokens.put(users.get(i), minted.get(i));
        }
        return tokens;
    }

    private List<Long> createPosts() throws InterruptedException {
        List<Long> posts = new ArrayList<>();
        String now = LocalTime.now().format(CLOCK);
        for (DemoTraffic.DemoPost post : DemoTraffic.POSTS) {
            Http.Answer answer = api.post(
                    "api/posts", Map.of("title", post.title() + " (" + now + ")", "body", "Created by ./ratings demo"));
            long id = answer.json().path("id").asLong(-1);
            if (answer.status() != 201 || id < 0) {
                throw new ToolException("creating a post failed: HTTP " + answer.status() + " " + answer.body());
            }
            posts.add(id);
            Say.say("Created post " + id + " \"" + post.title() + "\" (ratings will scatter around " + post.mean()
                    + ")");
        }
        return posts;
    }

    private void rate(DemoPlan plan, List<Long> posts) throws InterruptedException {
        Say.say("Rating for " + plan.seconds() + "s from " + DemoTraffic.USERS.size() + " users (about 4 ratings/s)"
                + (plan.attack()
                        ? "; an attack on post " + posts.get(0) + " after " + plan.attackAfterSeconds() + "s"
                        : ""));
        DemoTraffic traffic = new DemoTraffic(ThreadLocalRandom.current());
        Map<String, Integer> given = new HashMap<>();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(plan.seconds()).toNanos();
        boolean attacked = !plan.attack();
        while (System.nanoTime() < end) {
            if (!attacked
                    && System.nanoTime() - start
                            >= Duration.ofSeconds(plan.attackAfterSeconds()).toNanos()) {
                attack(posts.get(0));
                attacked = true;
            }
            DemoTraffic.Rating rating = traffic.next();
            long post = posts.get(rating.post());
            Integer before = given.get(rating.user() + ":" + post);
            int status = rate(rating.user(), post, rating.value());
            if (status == 202) {
                given.put(rating.user() + ":" + post, rating.value());
            }
            System.out.printf(
                    "  %-11s rates post %-6d %d%s -> HTTP %d%n",
                    rating.user(),
                    post,
                    rating.value(),
                    before == null ? "" : " (re-rating, was " + before + ")",
                    status);
            Thread.sleep(PAUSE.toMillis());
        }
    }

    /** A burst of zeros from fresh accounts, one rating each, as fast as the API takes them. */
    private void attack(long post) throws InterruptedException {
        List<String> attackers = DemoTraffic.attackers(LocalTime.now().format(DateTimeFormatter.ofPattern("HHmmss")));
        Map<String, String> attackTokens = minted(attackers, "10m");
        Map<Integer, Integer> seen = new TreeMap<>();
        for (String attacker : attackers) {
            tokens.put(attacker, attackTokens.get(attacker));
            seen.merge(rate(attacker, post, 0), 1, Integer::sum);
        }
        Say.say("Attack: " + attackers.size() + " fresh accounts rated post " + post + " 0 -> " + describe(seen));
    }

    private int rate(String user, long post, int value) throws InterruptedException {
        int status = api.as(tokens.get(user))
                .post("api/posts/" + post + "/rate", Map.of("rating", value))
                .status();
        statuses.merge(status, 1, Integer::sum);
        return status;
    }

    /**
     * Waits (boundedly) until the attacked post's score counts the attackers: the summary should show
     * the burst absorbed, not a window still open. Ten-second windows close in about twenty seconds.
     */
    private void awaitScored(long post) throws InterruptedException {
        Say.say("Waiting up to " + SCORE_WAIT.toSeconds() + " s for the attack's window to close and be scored");
        long deadline = System.nanoTime() + SCORE_WAIT.toNanos();
        while (System.nanoTime() < deadline
                && api.get("api/posts/" + post).json().path("ratingCount").asLong() < DemoTraffic.ATTACKERS) {
            Thread.sleep(2000);
        }
    }

    private void summary(List<Long> posts, Services services) throws InterruptedException {
        Say.say("Done: " + describe(statuses));
        for (long post : posts) {
            JsonNode view = api.get("api/posts/" + post).json();
            Say.say("Post " + post + ": score " + view.path("averageRating").asString("none yet") + ", raw average "
                    + view.path("rawAverage").asString("none yet") + " over "
                    + view.path("ratingCount").asString("0")
                    + " ratings");
        }
        Say.say("Scores appear when a window closes (RATINGS_WINDOW_SIZE, default PT5M, plus grace). Then:");
        for (long post : posts) {
            System.out.println("  curl -s " + services.ingestApi() + "api/posts/" + post + "    curl -s "
                    + services.ingestApi() + "api/posts/" + post + "/windows");
        }
    }

    /**
     * decay-v1 bounds what one window adds, so a burst that spans two windows after a short organic
     * history still pulls the score down; decay-v2 weighs raters without a history apart (README).
     */
    private static void attackHint(long post, Services services) {
        Say.say("The attacked post on the page: " + services.ingestApi() + "#post-" + post);
        Say.say("The same history weighed by rater trust (decay-v2, with trust sized for a three-minute demo):");
        System.out.println("  ./ratings replay --set ratings.algorithm=decay-v2 --set ratings.trust.age-windows=3"
                + " --set ratings.trust.posts=1");
    }

    private static String describe(Map<Integer, Integer> statuses) {
        StringBuilder text = new StringBuilder();
        statuses.forEach((status, count) -> text.append(text.isEmpty() ? "" : "; ")
                .append("HTTP ")
                .append(status)
                .append(": ")
                .append(count));
        return text.toString();
    }
}
