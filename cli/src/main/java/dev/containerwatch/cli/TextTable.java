package dev.containerwatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns; the last column is never padded or cut, so long reasons stay whole. */
final class TextTable {
  private final List<String[]> rows = new ArrayList<>();
  private final String[] header;

  TextTable(String... header) {
    this.header = header;
  }

  void add(String... cells) {
    if (cells.length != header.length) {
      throw new IllegalArgumentException("expected " + header.length + " cells");
    }
    rows.add(cells);
  }

  void print(PrintWriter out) {
    int[] width = new int[header.length];
    List<String[]> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (String[] row : all) {
      for (int i = 0; i < row.length - 1; i++) {
        width[i] = Math.max(width[i], cell(row[i]).length());
      }
    }
    for (String[] row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String c = cell(row[i]);
        line.append(c);
        if (i < row.length - 1) {
          line.append(" ".repeat(width[i] - c.length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String cell(String s) {
    return s == null ? "-" : s;
  }
}
