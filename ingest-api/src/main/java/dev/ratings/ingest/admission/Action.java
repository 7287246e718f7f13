package dev.ratings.ingest.admission;

/** What a user is doing; each action has its own rate-limit bucket. */
public enum Action {
    RATE("rate", "rate posts"),
    CREATE_POST("post", "create posts");

    private final String key;
    private final String described;

    Action(String key, String described) {
        this.key = key;
        this.described = described;
    }

    /** Its name in Redis keys and metric tags. */
    public String key() {
        return key;
    }

    String described() {
        return described;
    }
}
