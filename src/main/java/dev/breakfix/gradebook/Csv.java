package dev.breakfix.gradebook;

import java.util.List;

/**
 * CSV as RFC 4180 writes it: CRLF after every record, a field in double quotes when it holds a comma, a
 * double quote, CR or LF, with inner quotes doubled. Spreadsheets run a cell that starts with {@code =},
 * {@code +}, {@code -} or {@code @} (and some a tab or CR) as a formula, so such a cell gets a leading
 * {@code '} first: a learner named {@code =HYPERLINK(...)} stays text.
 */
public final class Csv {

    private Csv() {
    }

    public static String record(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(fields.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /** One field, neutralised and quoted as needed; null is the empty field. */
    public static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
