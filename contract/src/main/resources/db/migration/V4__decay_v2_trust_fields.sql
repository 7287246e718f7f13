-- decay-v2 (rater trust): the two pools of each window and the trust parameters used, in both window
-- tables. Null under decay-v1, which has neither; FlatFields in the contract says what each one is.
DO $$
DECLARE
    window_table text;
BEGIN
    FOREACH window_table IN ARRAY ARRAY['post_rating_windows', 'post_scores'] LOOP
        EXECUTE format($columns$
            ALTER TABLE %I
                ADD COLUMN trusted_in_window      bigint,
                ADD COLUMN probation_in_window    bigint,
                ADD COLUMN probation_burst_weight double precision,
                ADD COLUMN probation_baseline     double precision,
                ADD COLUMN trusted_weight         double precision,
                ADD COLUMN trusted_weighted_sum   double precision,
                ADD COLUMN probation_weight       double precision,
                ADD COLUMN probation_weighted_sum double precision,
                ADD COLUMN probation_scale        double precision,
                ADD COLUMN trust_floor            double precision,
                ADD COLUMN trust_age_windows      bigint,
                ADD COLUMN trust_posts            bigint,
                ADD COLUMN probation_share        double precision,
                ADD COLUMN probation_floor        double precision
            $columns$, window_table);
    END LOOP;
END
$$;
