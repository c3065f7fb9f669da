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

    /**
     * The fragment of {@code detail} for one kind of viewer ({@code audience}: what the viewer's role shows, such as
     * the cancel button): the one already rendered for this very answer and audience, or {@code render}'s.
     */
    String get(RunDetail detail, String audience, Function<RunDetail, String> render) {
        String key = detail.id() + " " + audience;
        Rendered cached = fragments.getIfPresent(key);
        if (cached != null && cached.detail() == detail) {
            return cached.html();
        }
        String html = render.apply(detail);
        fragments.put(key, new Rendered(detail, html));
        return html;
    }
}
