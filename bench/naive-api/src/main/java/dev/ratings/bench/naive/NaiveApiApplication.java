package dev.ratings.bench.naive;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The baselines of the ingest benchmark, on the ingest API's HTTP stack: its security filter chain
 * (HS256 JWT), trailing-slash filter, problem details and strict body parsing are the ingest API's
 * own classes, scanned from its packages.
 */
@SpringBootApplication(
        scanBasePackages = {"dev.ratings.bench.naive", "dev.ratings.ingest.security", "dev.ratings.ingest.web"})
public class NaiveApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(NaiveApiApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
