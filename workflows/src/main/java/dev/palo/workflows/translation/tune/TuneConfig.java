package dev.palo.workflows.translation.tune;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.translation.translate.TranslatorRef;
import java.time.Duration;

/**
 * How the tune stage fine-tunes each language's translator. The base translator's backend picks
 * which settings apply; the other may be null.
 *
 * @param openai           settings of the OpenAI-compatible fine-tuning API
 * @param local            settings of the local translator's LoRA fine-tune
 * @param heartbeatTimeout how long the stage may go without a heartbeat before Temporal retries it
 *                         elsewhere (resuming the remote job or the last checkpoint); null means
 *                         {@link ActivityPolicies#LONG_STAGE_HEARTBEAT_TIMEOUT}
 */
public record TuneConfig(OpenAiTune openai, LocalTune local, Duration heartbeatTimeout) {
    /** Below this, ordinary pauses (a GC, a slow checkpoint upload) would count as a dead worker. */
    private static final Duration MIN_HEARTBEAT_TIMEOUT = Duration.ofSeconds(1);

    public TuneConfig {
        if (openai == null && local == null) {
            throw new IllegalArgumentException("tune settings need the openai or the local backend's settings");
        }
        if (heartbeatTimeout == null) {
            heartbeatTimeout = ActivityPolicies.LONG_STAGE_HEARTBEAT_TIMEOUT;
        }
        if (heartbeatTimeout.compareTo(MIN_HEARTBEAT_TIMEOUT) < 0) {
            throw new IllegalArgumentException("tune heartbeatTimeout must be at least " + MIN_HEARTBEAT_TIMEOUT
                    + ", got " + heartbeatTimeout);
        }
    }

    public static TuneConfig openai(OpenAiTune settings) {
        return new TuneConfig(settings, null, null);
    }

    public static TuneConfig local(LocalTune settings) {
        return new TuneConfig(null, settings, null);
    }

    public TuneConfig withHeartbeatTimeout(Duration timeout) {
        return new TuneConfig(openai, local, timeout);
    }

    /** Whether settings for {@code translator}'s backend are here. */
    public boolean supports(TranslatorRef translator) {
        return TranslatorRef.OPENAI.equals(translator.backend()) ? openai != null : local != null;
    }
}
