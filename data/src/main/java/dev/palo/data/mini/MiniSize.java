package dev.palo.data.mini;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How much PALO-mini to generate. English image instructions are 4.4× each language's translated set in every size,
 * the paper's 665K : 150K; {@code full} is that at one tenth scale (66,500 : 15,000) with captions in the
 * CC-595K proportion (59,500). The English set also holds a text-only share, a fifth of its image instructions
 * (ShareGPT's conversations in LLaVA-1.5's mix; see {@link dev.palo.data.mini.corpus.TextOnlyShare}).
 */
public enum MiniSize {
    TINY(60, 132, 26, 30, 300, 2_000),
    DEMO(2_000, 2_200, 440, 500, 1_000, 20_000),
    FULL(59_500, 66_500, 13_300, 15_000, 10_000, 500_000);

    private final int captions;
    private final int englishInstructions;
    private final int textOnlyInstructions;
    private final int translatedInstructions;
    private final int seedSentences;
    private final int baseLmLines;

    MiniSize(int captions, int englishInstructions, int textOnlyInstructions, int translatedInstructions,
             int seedSentences, int baseLmLines) {
        this.captions = captions;
        this.englishInstructions = englishInstructions;
        this.textOnlyInstructions = textOnlyInstructions;
        this.translatedInstructions = translatedInstructions;
        this.seedSentences = seedSentences;
        this.baseLmLines = baseLmLines;
    }

    public static MiniSize of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown PALO-mini size '" + name + "'; known sizes: "
                    + Arrays.stream(values()).map(MiniSize::label).collect(Collectors.joining(", ")), e);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Pretraining caption pairs (the CC-595K analogue). */
    public int captions() {
        return captions;
    }

    /** English instruction samples with an image (with the text-only share, the LLaVA-Instruct-665K analogue). */
    public int englishInstructions() {
        return englishInstructions;
    }

    /** Text-only conversations in the English set, in the base LM's languages (ShareGPT's share of the 665K). */
    public int textOnlyInstructions() {
        return textOnlyInstructions;
    }

    /**
     * Samples the pipeline translates into each other language (the LLaVA-Instruct-150K analogue): the first of
     * the English set in id order. Gold exists for every English sample; this is only what gets translated.
     */
    public int translatedInstructions() {
        return translatedInstructions;
    }

    /** Sentences per language in the translation seed corpus. */
    public int seedSentences() {
        return seedSentences;
    }

    public int baseLmLines() {
        return baseLmLines;
    }
}
