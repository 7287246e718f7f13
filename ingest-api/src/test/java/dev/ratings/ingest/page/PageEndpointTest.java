package dev.ratings.ingest.page;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ratings.ingest.SliceBeans;
import dev.ratings.ingest.TestJwts;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The page and its assets, served with a policy that allows this origin only. */
@WebMvcTest(PageController.class)
@Import({SliceBeans.class, PageConfiguration.class})
@TestPropertySource(properties = "ratings.auth.jwt-secret=" + TestJwts.SECRET)
class PageEndpointTest {

    private static final String POLICY = "Content-Security-Policy";

    @Autowired
    MockMvc mvc;

    @Test
    void rootServesThePageWithAPolicyThatAllowsOnlyItsOwnOrigin() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(Matchers.containsString("<script src=\"/ui/app.js\"")))
                .andExpect(header().string(POLICY, Matchers.startsWith("default-src 'self';")))
                .andExpect(header().string(POLICY, Matchers.not(Matchers.containsString("unsafe"))));
    }

    @Test
    void assetsAreServedUnderUiWithThePolicy() throws Exception {
        mvc.perform(get("/ui/app.js"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/javascript"))
                .andExpect(header().string(POLICY, PageConfiguration.POLICY));
        mvc.perform(get("/ui/app.css"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/css"));
    }

    @Test
    void anUnknownAssetIsAProblem() throws Exception {
        mvc.perform(get("/ui/missing.js"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void theApiGetsNoPagePolicy() throws Exception {
        mvc.perform(get("/api/nothing-here")).andExpect(header().doesNotExist(POLICY));
    }
}
