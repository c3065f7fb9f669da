package dev.palo.services.ui;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.palo.services.runs.RunDetail;
import java.time.Duration;
import java.util.function.Function;

/**
 * The run page's live fragment, rendered once per answer of the run's view and served to every open page until the
 * next answer: twenty dashboards polling one run cost one rendering per refresh, not twenty.
 */
final class LiveFragments {
    private record Rendered(RunDetail detail, String html) {
    }

    private final Cache<String, Rendered> fragments = Caffeine.newBuilder().maximumSize(200)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    /** The fragment of {@code detail}: the one already rendered for this very answer, or {@code render}'s. */
    String get(RunDetail detail, Function<RunDetail, String> render) {
        Rendered cached = fragments.getIfPresent(detail.id());
        if (cached != null && cached.detail() == detail) {
            return cached.html();
        }
        String html = render.apply(detail);
        fragments.put(detail.id(), new Rendered(detail, html));
        return html;
    }
}
