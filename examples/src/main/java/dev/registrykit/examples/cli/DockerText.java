package dev.registrykit.examples.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Text the way the {@code docker} CLI lays it out: {@code docker image ls} tables, "3 minutes ago".
 */
final class DockerText {
  private DockerText() {}

  /**
   * A table with columns padded to the widest cell plus three spaces, as docker's tabwriter does.
   *
   * @param header the column titles
   * @param rows the cells, each row as long as the header
   */
  static List<String> table(List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException(
            "row has " + row.size() + " cells, header " + header.size());
      }
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : all) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        b.append(cell);
        if (i < row.size() - 1) {
          b.append(" ".repeat(widths[i] - cell.length() + 3));
        }
      }
      lines.add(b.toString().stripTrailing());
    }
    return lines;
  }

  /** How long ago {@code then} was, as docker's go-units {@code HumanDuration} says it. */
  static String ago(Instant then, Instant now) {
    return humanDuration(Duration.between(then, now)) + " ago";
  }

  static String humanDuration(Duration d) {
    long seconds = Math.max(0, d.getSeconds());
    long minutes = seconds / 60;
    long hours = minutes / 60;
    if (seconds < 1) {
      return "Less than a second";
    } else if (seconds == 1) {
      return "1 second";
    } else if (seconds < 60) {
      return seconds + " seconds";
    } else if (minutes == 1) {
      return "About a minute";
    } else if (minutes < 60) {
      return minutes + " minutes";
    } else if (hours == 1) {
      return "About an hour";
    } else if (hours < 48) {
      return hours + " hours";
    } else if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    } else if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return hours / 24 / 365 + " years";
  }
}
