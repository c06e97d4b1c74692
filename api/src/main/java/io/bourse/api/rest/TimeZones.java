package io.bourse.api.rest;

import io.bourse.api.http.ApiException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Binance's {@code timeZone} parameter: hours or hours:minutes, signed, from -12:00 to +14:00. */
final class TimeZones {
    private static final Pattern ZONE = Pattern.compile("^([+-]?)(\\d{1,2})(?::(\\d{2}))?$");

    private TimeZones() {
    }

    /** The offset in milliseconds (0 when absent). */
    static long offsetMs(String text) {
        if (text == null) {
            return 0;
        }
        Matcher m = ZONE.matcher(text);
        if (!m.matches()) {
            throw ApiException.invalidValue("timeZone");
        }
        int hours = Integer.parseInt(m.group(2));
        int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        long offset = (hours * 60L + minutes) * 60_000L * ("-".equals(m.group(1)) ? -1 : 1);
        if (minutes >= 60 || offset < -12 * 3_600_000L || offset > 14 * 3_600_000L) {
            throw ApiException.invalidValue("timeZone");
        }
        return offset;
    }
}
