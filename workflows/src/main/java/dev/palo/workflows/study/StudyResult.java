package dev.palo.workflows.study;

import dev.palo.workflows.StageResult;
import java.util.List;

/**
 * @param members the study's runs, in the spec's order
 * @param report  the report stage: its output is {@code study.json}, with {@code study.md} beside it; its metrics
 *                are the study's figures as logged to MLflow
 */
public record StudyResult(List<StudyMember> members, StageResult report) {
    public StudyResult {
        members = List.copyOf(members);
    }
}
