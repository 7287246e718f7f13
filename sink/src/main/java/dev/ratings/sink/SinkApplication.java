package dev.ratings.sink;

import dev.ratings.auth.OperatorsOnlySecurity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The app port serves operators only ({@link OperatorsOnlySecurity}). */
@SpringBootApplication
@Import(OperatorsOnlySecurity.class)
@ConfigurationPropertiesScan
public class SinkApplication {

    public static void main(String[] args) {
        SpringApplication.run(SinkApplication.class, args);
    }
}
