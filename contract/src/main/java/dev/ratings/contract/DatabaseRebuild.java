package dev.ratings.contract;

/**
 * The mark a database carries while the sink rebuilds it from Kafka ({@code ./ratings recover}): a
 * table in a schema of its own, outside the one Flyway migrates, so that it can be set before the
 * first migration of an empty database and readers never see half-written tables as the truth.
 * The sink sets it before migrating and drops it once it has written everything the topics held;
 * the ingest API answers 503 for what it reads from the database while it is there.
 */
public final class DatabaseRebuild {

    public static final String SCHEMA = "ratings_rebuild";

    public static final String MARK = "CREATE SCHEMA IF NOT EXISTS " + SCHEMA + ";"
            + " CREATE TABLE IF NOT EXISTS " + SCHEMA + ".in_progress (started_at timestamptz NOT NULL DEFAULT now());"
            + " INSERT INTO " + SCHEMA + ".in_progress SELECT WHERE NOT EXISTS (SELECT FROM " + SCHEMA
            + ".in_progress)";

    public static final String CLEAR = "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE";

    /** One boolean: is the mark there? Cheap (a catalogue lookup), and true in no other case. */
    public static final String IN_PROGRESS = "SELECT to_regclass('" + SCHEMA + ".in_progress') IS NOT NULL";

    private DatabaseRebuild() {}
}
