package dev.palo.model.vision;

import java.util.Arrays;

/** LLaVA's {@code mm_vision_select_feature}: whether the CLS token is kept in the image features. */
public enum FeatureSelection {
    PATCH("patch"),
    CLS_PATCH("cls_patch");

    private final String configName;

    FeatureSelection(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static FeatureSelection fromConfig(String name) {
        return Arrays.stream(values())
                .filter(v -> v.configName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown mm_vision_select_feature '" + name
                        + "'; known: " + Arrays.stream(values()).map(FeatureSelection::configName).toList()));
    }
}
