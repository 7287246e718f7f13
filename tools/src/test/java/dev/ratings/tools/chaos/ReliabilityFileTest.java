package dev.ratings.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReliabilityFileTest {

    @Test
    void replacesOnlyWhatIsBetweenTheMarkers() {
        String document =
                "# Reliability\nintro\n" + ReliabilityFile.BEGIN + "\nold table\n" + ReliabilityFile.END + "\nafter\n";

        String written = ReliabilityFile.withTable(document, "| new | table |\n");

        assertThat(written)
                .isEqualTo("# Reliability\nintro\n" + ReliabilityFile.BEGIN + "\n| new | table |\n"
                        + ReliabilityFile.END + "\nafter\n");
        assertThat(ReliabilityFile.withTable(written, "| new | table |")).isEqualTo(written);
    }

    @Test
    void refusesADocumentWithoutTheMarkers() {
        assertThatThrownBy(() -> ReliabilityFile.withTable("# Reliability\n", "x"))
                .hasMessageContaining("no '");
    }
}
