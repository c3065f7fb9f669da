package dev.palo.activities.basemodel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.palo.model.base.BaseModelReport;
import dev.palo.model.base.VisionRecipe;
import dev.palo.model.train.TrainingConfig;
import java.util.List;

/**
 * The base bundle's {@code palo-bundle.json}. Its first four fields are what every stage's bundle info holds
 * (stage, conversation template, parent, training recipe), so later stages read it like any other bundle.
 *
 * @param stage                {@code base-model}
 * @param conversationTemplate the template the next stages train with: the paper's vicuna_v1
 * @param parent               the imported prefix's uri, or null when trained here
 * @param training             the LM's pretraining recipe, or null when imported
 * @param mode                 {@code trained} or {@code imported}
 * @param preset               model/'s preset, or null when imported
 * @param frozen               tensor-name prefixes later stages must leave untouched
 * @param vision               the vision tower's recipe, or null when imported
 * @param report               what training measured, or null when imported
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BaseBundleInfo(
        @JsonProperty("stage") String stage,
        @JsonProperty("conversation_template") String conversationTemplate,
        @JsonProperty("parent") String parent,
        @JsonProperty("training") TrainingConfig training,
        @JsonProperty("mode") String mode,
        @JsonProperty("preset") String preset,
        @JsonProperty("frozen") List<String> frozen,
        @JsonProperty("vision") VisionRecipe vision,
        @JsonProperty("report") BaseModelReport report) {
}
