package dev.ratings.ingest.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a request from a callback (such as Kafka's acknowledgement) on the servlet async context,
 * without a second pass through the filters and the DispatcherServlet: the profile of the former
 * re-dispatch put a fifth of a rating's CPU there.
 *
 * <p>The request thread is released at once, so a slow dependency never holds it. The answer is
 * written by whichever comes last, the callback or the request thread leaving the outermost filter
 * (this one): filters still touch the response on the way out (security headers, the request
 * metric's listener), and the response must never be written by two threads at once. A client that
 * went away before the answer only makes the write fail, which is logged at debug level.
 */
public final class CallbackResponses extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(CallbackResponses.class);
    private static final String PENDING = CallbackResponses.class.getName() + ".pending";

    /** Writes an answer on the response; it may throw, and the response is completed anyway. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(T answer, HttpServletResponse response) throws IOException;
    }

    /**
     * Writes {@code answer} with {@code writer}: now if it is complete, else from its completion,
     * and with {@code timedOut} (given the timeout) if it does not complete within {@code timeout}
     * (a backstop: callers pass answers that complete in bounded time).
     */
    public static <T> void respond(
            HttpServletRequest request,
            HttpServletResponse response,
            CompletionStage<T> answer,
            Duration timeout,
            Writer<T> writer,
            Writer<Duration> timedOut)
            throws IOException {
        CompletableFuture<T> future = answer.toCompletableFuture();
        if (future.isDone()) {
            writer.write(future.join(), response);
            return;
        }
        if (request.getAttribute(PENDING) != Boolean.FALSE) {
            throw new IllegalStateException(
                    "CallbackResponses must be registered as a filter of " + request.getRequestURI());
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(timeout.toMillis());
        Pending pending = new Pending(async, out -> timedOut.write(timeout, out));
        async.addListener(pending);
        request.setAttribute(PENDING, pending);
        future.whenComplete((done, error) -> pending.deliver(out -> {
            if (error != null) {
                throw new IllegalStateException("an answer must not fail", error);
            }
            writer.write(done, out);
        }));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(PENDING, Boolean.FALSE);
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.getAttribute(PENDING) instanceof Pending pending) {
                pending.requestThreadLeft();
            }
        }
    }

    /** One write of a whole response. */
    @FunctionalInterface
    private interface Write {
        void to(HttpServletResponse response) throws IOException;
    }

    /** The write of one answer, run once both the answer and the response are free. */
    private static final class Pending implements AsyncListener {

        private final AsyncContext async;
        private final Write timedOut;
        private Write write;
        private boolean requestThreadLeft;
        private boolean done;

        Pending(AsyncContext async, Write timedOut) {
            this.async = async;
            this.timedOut = timedOut;
        }

        synchronized void requestThreadLeft() {
            requestThreadLeft = true;
            runIfReady();
        }

        synchronized void deliver(Write answer) {
            if (write == null) {
                write = answer;
            }
            runIfReady();
        }

        private void runIfReady() {
            if (done || write == null || !requestThreadLeft) {
                return;
            }
            done = true;
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            try {
                write.to(response);
            } catch (IOException | RuntimeException e) {
                log.debug("Could not write the answer (has the client gone?): {}", e.toString());
            } finally {
                try {
                    async.complete();
                } catch (IllegalStateException alreadyCompleted) {
                    // the container completed it after an error
                }
            }
        }

        @Override
        public synchronized void onTimeout(AsyncEvent event) {
            deliver(timedOut);
        }

        @Override
        public synchronized void onError(AsyncEvent event) {
            if (!done) {
                done = true;
                log.debug(
                        "Request failed before its answer (has the client gone?): {}",
                        String.valueOf(event.getThrowable()));
                try {
                    async.complete();
                } catch (IllegalStateException alreadyCompleted) {
                    // nothing left to do
                }
            }
        }

        @Override
        public synchronized void onComplete(AsyncEvent event) {
            done = true;
        }

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }
}
