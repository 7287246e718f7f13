package dev.ratings.ingest;

import dev.ratings.ingest.security.SecurityConfiguration;
import dev.ratings.ingest.web.WebConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** What every endpoint slice test puts beside its controller: the real security and web setup. */
@TestConfiguration
@Import({SecurityConfiguration.class, WebConfiguration.class})
public class SliceBeans {}
