/**
 * What the modules' tests share: a fresh PostgreSQL database per test class, a Redis key prefix per
 * run, tokens minted by the services' own minter with a test-only secret, the contract's JSON Schemas
 * and a probe of who may call an endpoint. Plain JUnit helpers, so that every module can use them.
 */
package dev.ratings.testsupport;
