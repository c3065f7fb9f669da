package dev.palo.activities.training;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.palo.model.train.TrainingConfig;

/**
 * {@code palo-bundle.json}: which stage made a PaloModel bundle and how.
 *
 * @param stage                the stage that wrote it, e.g. {@code pretrain}
 * @param conversationTemplate the template the weights were trained with (and that generation must use)
 * @param parent               uri of the bundle it was trained from
 * @param training             the training recipe as run (stage policy, rates, batch, epochs, LoRA, seed)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BundleInfo(
        @JsonProperty("stage") String stage,
        @JsonProperty("conversation_template") String conversationTemplate,
        @JsonProperty("parent") String parent,
        @JsonProperty("training") TrainingConfig training) {
}
