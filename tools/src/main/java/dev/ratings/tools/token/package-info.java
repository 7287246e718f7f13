/**
 * {@code tools.jar token}: tokens for people and for the other commands, all minted by the auth
 * module's {@code TokenCommand}, the one signing implementation besides the tests'.
 */
package dev.ratings.tools.token;
