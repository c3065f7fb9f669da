package dev.palo.activities.evaluate.judge;

/** One entry of LLaVA's {@code rule.json}: how the judge names the answerers and what it is asked. */
public record JudgeRule(String role, String prompt) {
}
