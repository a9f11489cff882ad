package io.userstore.shell.output;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import com.github.freva.asciitable.OverflowBehaviour;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Aligned columns for people, narrowed to the terminal's width (long cells end in an ellipsis). */
final class Tables {

    private static final Character[] BORDERS = AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS_NO_OUTSIDE_BORDER;
    private static final int MIN_COLUMN = 6;

    private Tables() {
    }

    static String keyValue(Map<String, Object> fields) {
        StringBuilder table = new StringBuilder();
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((key, value) -> table.append(String.format("%-" + width + "s  %s%n", key, Values.text(value))));
        return table.toString();
    }

    static String columns(List<String> columns, List<Map<String, Object>> rows, int terminalWidth) {
        String[][] cells = new String[rows.size()][columns.size()];
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).length();
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                cells[r][c] = Values.text(rows.get(r).get(columns.get(c)));
                widths[c] = Math.max(widths[c], cells[r][c].length());
            }
        }
        fit(widths, terminalWidth - 3 * (columns.size() - 1));
        List<Column> specs = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            specs.add(new Column().header(columns.get(c)).headerAlign(HorizontalAlign.LEFT)
                    .dataAlign(HorizontalAlign.LEFT).maxWidth(widths[c] + 2, OverflowBehaviour.ELLIPSIS_RIGHT));
        }
        // the last column's padding is only trailing blanks, which diffs and copies of the output trip on
        return AsciiTable.getTable(BORDERS, specs.toArray(Column[]::new), cells).lines().map(String::stripTrailing)
                .collect(Collectors.joining(System.lineSeparator(), "", System.lineSeparator()));
    }

    /** Shrinks the widest columns until the row fits, never below a few characters. */
    private static void fit(int[] widths, int available) {
        while (sum(widths) > available) {
            int widest = 0;
            for (int c = 1; c < widths.length; c++) {
                if (widths[c] > widths[widest]) {
                    widest = c;
                }
            }
            if (widths[widest] <= MIN_COLUMN) {
                return;
            }
            widths[widest]--;
        }
    }

    private static int sum(int[] widths) {
        int total = 0;
        for (int width : widths) {
            total += width;
        }
        return total;
    }
}
