package io.envguard.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table: a header row in capitals, columns padded to their widest cell, empty cells shown as "-". */
public final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = Arrays.stream(headers).map(String::toUpperCase).toList();
    }

    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + headers.size());
        }
        rows.add(Arrays.stream(cells).map(Table::text).toList());
        return this;
    }

    public String render() {
        int[] widths = new int[headers.size()];
        for (List<String> row : allRows()) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : allRows()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private List<List<String>> allRows() {
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        return all;
    }

    private static String text(Object cell) {
        if (cell == null) {
            return "-";
        }
        String text = cell.toString().replace('\n', ' ');
        return text.isEmpty() ? "-" : text;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
