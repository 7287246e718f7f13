package dev.ratings.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Markdown docs are read from the repository: no link leaves it, and every relative link names a file in it. */
class DocsLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> NOT_DOCS = Set.of("target", ".git", ".ratings", "node_modules");
    private static final Pattern WEB_ADDRESS = Pattern.compile("https?://(?!127\\.0\\.0\\.1|localhost)[^\\s)>`\"]+");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void noDocumentLinksOutsideTheRepository() {
        List<String> outside = new ArrayList<>();
        for (Path doc : markdownFiles()) {
            Matcher address = WEB_ADDRESS.matcher(read(doc));
            while (address.find()) {
                outside.add(ROOT.relativize(doc) + ": " + address.group());
            }
        }
        assertThat(outside).isEmpty();
    }

    @Test
    void everyRelativeLinkNamesAFileOfTheRepository() {
        List<String> broken = new ArrayList<>();
        for (Path doc : markdownFiles()) {
            Matcher link = MARKDOWN_LINK.matcher(read(doc));
            while (link.find()) {
                String target = link.group(1).replaceFirst("#.*", "");
                Path resolved = doc.resolveSibling(target).normalize();
                boolean inside = resolved.startsWith(ROOT) && Files.exists(resolved);
                if (!target.isEmpty() && !target.contains("://") && !inside) {
                    broken.add(ROOT.relativize(doc) + ": " + link.group(1));
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    private static List<Path> markdownFiles() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            List<Path> docs = files.filter(path -> path.toString().endsWith(".md"))
                    .filter(path -> ROOT.relativize(path).getNameCount() > 0)
                    .filter(path -> {
                        for (Path part : ROOT.relativize(path)) {
                            if (NOT_DOCS.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .toList();
            assertThat(docs).as("Markdown files under %s", ROOT).isNotEmpty();
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path doc) {
        try {
            return Files.readString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
