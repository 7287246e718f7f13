package dev.ratings.auth;

import dev.ratings.contract.RatingEvent;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** The {@code sub} claim is the user id, so it must be one the rating contract accepts. */
class SubjectValidator implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error INVALID_SUBJECT = new OAuth2Error(
            OAuth2ErrorCodes.INVALID_TOKEN, "The sub claim must be 1-64 characters of [A-Za-z0-9_.@-]", null);

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        String subject = jwt.getSubject();
        if (subject != null && RatingEvent.USER_ID.matcher(subject).matches()) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(INVALID_SUBJECT);
    }
}
