package dev.palo.services.runs;

import jakarta.ws.rs.BadRequestException;

/** A list's {@code limit} query parameter, read as text: JAX-RS answers one it cannot convert with a bare 404. */
public final class ListLimits {
    private ListLimits() {
    }

    /** The limit as a number from 1 to {@code max}; a 400 naming the parameter otherwise. */
    public static int parse(String limit, int max) {
        int count;
        try {
            count = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > max) {
            throw new BadRequestException("query parameter limit must be a whole number from 1 to " + max
                    + ", got '" + (limit.length() > 40 ? limit.substring(0, 40) + "…" : limit) + "'");
        }
        return count;
    }
}
