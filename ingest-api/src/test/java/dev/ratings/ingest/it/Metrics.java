package dev.ratings.ingest.it;

/** Reads one series out of a Prometheus text exposition. */
final class Metrics {

    private Metrics() {}

    /** The value of the first series of {@code name} whose labels contain {@code label}. */
    static double value(String exposition, String name, String label) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + "{")
                    && line.substring(0, line.indexOf('}')).contains(label)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no series " + name + "{" + label + "} in the metrics");
    }
}
