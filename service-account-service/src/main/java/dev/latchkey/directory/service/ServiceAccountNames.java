package dev.latchkey.directory.service;

import java.util.regex.Pattern;

/** DESIGN.md §3: a service account's name. */
public final class ServiceAccountNames {
    public static final String RULE = "must be 3–64 characters of letters, digits, '-' and '_', starting with a letter "
            + "or digit (no spaces or other special characters)";
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$");

    private ServiceAccountNames() {
    }

    /** ASCII letters and digits only: a Unicode letter is one of the "other special characters". */
    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
