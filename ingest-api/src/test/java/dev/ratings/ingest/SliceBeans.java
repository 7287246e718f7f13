package dev.ratings.ingest;

import dev.ratings.ingest.admission.ScriptedAdmission;
import dev.ratings.ingest.security.SecurityConfiguration;
import dev.ratings.ingest.web.WebConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What every endpoint slice test puts beside its controller: the real security and web setup, and
 * an admission that lets everything through unless the test scripts a refusal.
 */
@TestConfiguration
@Import({SecurityConfiguration.class, WebConfiguration.class})
public class SliceBeans {

    @Bean
    ScriptedAdmission admission() {
        return new ScriptedAdmission();
    }
}
