package dev.ratings.tools.chaos;

/**
 * Puts a run's table into RELIABILITY.md: the text between the two markers is replaced, the rest of
 * the document (what the suite does, the targets) is left as written.
 */
public final class ReliabilityFile {

    static final String BEGIN = "<!-- chaos table: written by ./ratings chaos -->";
    static final String END = "<!-- end of chaos table -->";

    private ReliabilityFile() {}

    /** The document with the part between the markers replaced by {@code section}. */
    public static String withTable(String document, String section) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(
                    "RELIABILITY.md has no '" + BEGIN + "' ... '" + END + "' section to write the table into");
        }
        return document.substring(0, begin + BEGIN.length()) + "\n" + section.strip() + "\n" + document.substring(end);
    }
}
