package dev.palo.services.ui;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.palo.services.runs.RunDetail;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The run page's live fragment, rendered once per answer of the run's view and served to every open page until the
 * next answer: twenty dashboards watching one run cost one rendering per refresh, not twenty. An answer equal to the
 * last one at the same {@link RunView#clock() clock} is not even rendered again, and a fragment keeps its version
 * while its text stays the same, so a viewer that has it is sent nothing (304, or no event on the stream).
 */
final class LiveFragments {
    /**
     * One rendering.
     *
     * @param version the fragment's version (its ETag): equal text, equal version
     * @param running whether the run still runs (the fragment keeps changing)
     */
    record Fragment(String html, String version, boolean running) {
    }

    private record Rendered(RunDetail detail, Instant clock, Fragment fragment) {
    }

    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

    private final Cache<String, Rendered> fragments = Caffeine.newBuilder().maximumSize(200)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    /**
     * The fragment of {@code detail} for one kind of viewer ({@code audience}: what the viewer's role shows, such as
     * the cancel button): the one already rendered for this answer (or an equal one at the same clock) and audience,
     * or {@code render}'s.
     */
    Fragment get(RunDetail detail, String audience, boolean running, BiFunction<RunDetail, Instant, String> render) {
        String key = detail.id() + " " + audience;
        Instant clock = RunView.clock();
        Rendered cached = fragments.getIfPresent(key);
        if (cached != null && (cached.detail() == detail
                || cached.clock().equals(clock) && cached.detail().equals(detail))) {
            return cached.fragment();
        }
        // one line without the template's indentation: smaller, and one data line per server-sent event
        String html = LINE_BREAKS.matcher(render.apply(detail, clock)).replaceAll(" ");
        Fragment fragment = cached != null && cached.fragment().html().equals(html)
                ? cached.fragment() : new Fragment(html, version(html), running);
        fragments.put(key, new Rendered(detail, clock, fragment));
        return fragment;
    }

    /** A weak ETag from the text: the same text always has the same version, in every app process. */
    private static String version(String html) {
        return "W/\"" + Integer.toHexString(html.hashCode()) + "-" + Integer.toHexString(html.length()) + "\"";
    }
}
