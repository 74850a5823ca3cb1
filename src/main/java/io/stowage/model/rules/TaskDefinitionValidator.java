package io.stowage.model.rules;

import io.stowage.model.ecs.TaskDefinition;

import java.util.ArrayList;
import java.util.List;

/** Runs every task-definition rule and returns all findings at once, errors first, in document order. */
public final class TaskDefinitionValidator {
    private TaskDefinitionValidator() {
    }

    public static List<Finding> validate(TaskDefinition taskDefinition) {
        return validate(taskDefinition, ValidationContext.STANDALONE);
    }

    public static List<Finding> validate(TaskDefinition taskDefinition, ValidationContext context) {
        List<Finding> findings = new ArrayList<>();
        // Rules are added by the validation work in progress.
        return findings;
    }
}
