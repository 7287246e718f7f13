package dev.ratings.stream;

import dev.ratings.auth.OperatorsOnlySecurity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The app port serves operators only ({@link OperatorsOnlySecurity}). */
@SpringBootApplication
@Import(OperatorsOnlySecurity.class)
@ConfigurationPropertiesScan
public class StreamProcessorApplication {

    public static void main(String[] args) {
        SpringApplication.run(StreamProcessorApplication.class, args);
    }
}
