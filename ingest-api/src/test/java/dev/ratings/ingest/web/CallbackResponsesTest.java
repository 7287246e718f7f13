package dev.ratings.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Who writes the answer, and when: never while the request thread is still inside the filters. */
class CallbackResponsesTest {

    private final CallbackResponses filter = new CallbackResponses();
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/posts/7/rate");
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    CallbackResponsesTest() {
        request.setAsyncSupported(true);
    }

    @Test
    void anAnswerThatIsReadyIsWrittenAtOnceWithoutAsync() throws Exception {
        respondWith(CompletableFuture.completedFuture("ready"));

        assertThat(request.isAsyncStarted()).isFalse();
        assertThat(response.getContentAsString()).isEqualTo("ready");
    }

    @Test
    void anAnswerThatArrivesWhileTheRequestThreadIsInTheFiltersWaitsForItToLeave() throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        AtomicReference<String> writtenInsideTheFilters = new AtomicReference<>();

        filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                CallbackResponses.respond(req, res, answer, Duration.ofSeconds(5), CallbackResponsesTest::write, null);
                answer.complete("late"); // the callback, while this thread is still in the chain
                writtenInsideTheFilters.set(response.getContentAsString());
            }
        }));

        assertThat(writtenInsideTheFilters.get()).isEmpty();
        assertThat(response.getContentAsString()).isEqualTo("late");
        assertThat(((MockAsyncContext) request.getAsyncContext()).getDispatchedPath())
                .isNull();
    }

    @Test
    void anAnswerThatArrivesAfterTheRequestThreadLeftIsWrittenByTheCallback() throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        respondWith(answer);
        assertThat(request.isAsyncStarted()).isTrue();
        assertThat(response.getContentAsString()).isEmpty();

        answer.complete("later");

        assertThat(response.getContentAsString()).isEqualTo("later");
    }

    @Test
    void withoutTheFilterAPendingAnswerIsRefusedRatherThanNeverWritten() {
        assertThatThrownBy(() -> CallbackResponses.respond(
                        request,
                        response,
                        new CompletableFuture<String>(),
                        Duration.ofSeconds(5),
                        CallbackResponsesTest::write,
                        null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be registered as a filter");
    }

    /** The request through the filter to a servlet that answers with {@code answer}. */
    private void respondWith(CompletableFuture<String> answer) throws Exception {
        filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                CallbackResponses.respond(req, res, answer, Duration.ofSeconds(5), CallbackResponsesTest::write, null);
            }
        }));
    }

    private static void write(String answer, HttpServletResponse out) throws IOException {
        out.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
    }
}
