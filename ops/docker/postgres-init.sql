-- Runs once, when the PostgreSQL container initialises its data volume: the same role and
-- database that ./ratings creates on a local server (the schema itself is Flyway's).
CREATE ROLE ratings LOGIN PASSWORD 'ratings';
CREATE DATABASE ratings OWNER ratings;
