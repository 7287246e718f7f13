package dev.ratings.ingest.web;

import dev.ratings.ingest.rating.RatingNotAcceptedException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of the API as RFC 9457 {@code application/problem+json}, with a {@code detail} that
 * names the offending field and the rule it breaks.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
        problem.setProperty("field", e.field());
        return ResponseEntity.of(problem).build();
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), request);
        problem.setProperty("field", "body");
        return ResponseEntity.of(problem).build();
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
        return ResponseEntity.of(problem(HttpStatus.NOT_FOUND, e.getMessage(), request))
                .build();
    }

    @ExceptionHandler(RatingNotAcceptedException.class)
    ResponseEntity<ProblemDetail> notAccepted(RatingNotAcceptedException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), request);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(e.retryAfter()))
                .body(problem);
    }

    @ExceptionHandler(ServiceUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ServiceUnavailableException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), request);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(e.retryAfter()))
                .body(problem);
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), request);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(e.retryAfter()))
                .body(problem);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, e.getMessage(), request);
        problem.setProperty("field", e.field());
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(e.retryAfter()))
                .body(problem);
    }

    @ExceptionHandler(UnprocessableException.class)
    ResponseEntity<ProblemDetail> unprocessable(UnprocessableException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), request);
        problem.setProperty("field", e.field());
        return ResponseEntity.of(problem).build();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return ResponseEntity.of(problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "server: an unexpected error occurred; it has been logged",
                        request))
                .build();
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String got = e.getContentType() == null ? "none" : "'" + e.getContentType() + "'";
        String supported =
                e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(", "));
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(status, "Content-Type: must be " + supported + ", got " + got);
        problem.setProperty("field", "Content-Type");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String allowed = e.getSupportedHttpMethods() == null
                ? "none"
                : e.getSupportedHttpMethods().stream().map(Object::toString).collect(Collectors.joining(", "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                status, "method: " + e.getMethod() + " is not allowed here; allowed: " + allowed);
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, noSuchPath(status, request), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(
            NoHandlerFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, noSuchPath(status, request), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && problem.getInstance() == null
                && request instanceof ServletWebRequest servlet) {
            problem.setInstance(Problems.instance(servlet.getRequest()));
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    private static ProblemDetail noSuchPath(HttpStatusCode status, WebRequest request) {
        String path = request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getRequestURI()
                : "this path";
        return ProblemDetail.forStatusAndDetail(status, "path: there is no endpoint at " + path);
    }

    private static String retryAfterSeconds(Duration wait) {
        return Long.toString(RetryAfter.seconds(wait));
    }

    private static ProblemDetail problem(HttpStatus status, String detail, HttpServletRequest request) {
        return Problems.of(status, detail, request);
    }
}
