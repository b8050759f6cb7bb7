package dev.breakfix.diagnosis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a table kubectl printed (tabwriter-aligned columns) back into rows of column name to cell. */
final class KubectlTable {

    private static final Pattern COLUMN = Pattern.compile("\\S+(?: \\S+)*");
    private static final Pattern SEPARATOR = Pattern.compile("^[\\s-]+$");

    private KubectlTable() {
    }

    /** The rows under {@code header}, the first line; a line of dashes under it is skipped. */
    static List<Map<String, String>> parse(List<String> lines) {
        String header = lines.get(0);
        List<String> names = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        Matcher m = COLUMN.matcher(header);
        while (m.find()) {
            names.add(m.group());
            starts.add(m.start());
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank() || SEPARATOR.matcher(line).matches()) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                int from = Math.min(starts.get(i), line.length());
                int to = i + 1 < names.size() ? Math.min(starts.get(i + 1), line.length()) : line.length();
                row.put(names.get(i), line.substring(from, to).strip());
            }
            rows.add(row);
        }
        return rows;
    }

    static List<Map<String, String>> parse(String text) {
        return parse(text.lines().toList());
    }

    /** The Events table at the end of {@code kubectl describe} output. */
    static List<Map<String, String>> describeEvents(String describe) {
        List<String> lines = describe.lines().toList();
        int start = lines.indexOf("Events:");
        if (start < 0) {
            throw new IllegalArgumentException("no Events section");
        }
        return parse(lines.subList(start + 1, lines.size()));
    }
}
