package dev.ratings.ingest.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocAnnotationsUtils;
import org.springframework.http.ProblemDetail;

/**
 * Every error of the API is a problem (see {@link ProblemAdvice}), so this gives each 4xx and 5xx
 * response in the OpenAPI document that body, and the controllers' {@code @ApiResponse}s only say
 * when it happens (and which headers come with it).
 */
class ProblemResponses implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        Schema<?> problem = SpringDocAnnotationsUtils.extractSchema(
                openApi.getComponents(), ProblemDetail.class, null, new Annotation[0], openApi.getSpecVersion());
        openApi.getPaths().values().stream()
                .flatMap(path -> path.readOperations().stream())
                .flatMap(operation -> operation.getResponses().entrySet().stream())
                .filter(response -> isError(response.getKey()))
                .map(Map.Entry::getValue)
                .forEach(response -> response.setContent(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                new MediaType().schema(problem))));
    }

    private static boolean isError(String status) {
        return status.matches("[45]\\d\\d");
    }
}
