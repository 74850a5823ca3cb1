package io.stowage.ui.live;

import io.stowage.model.runtime.TaskState;

/** What the user can do to a running task from the tasks panel; whichever run or watch shows it decides how. */
public interface TaskActions {
    void stopTask(TaskState task);

    /** Asks for a new desired count of the task's service, and sets it. */
    void scaleService(TaskState task);

    /** Copies the command that opens a shell in one of the task's containers, where there is one. */
    void copyShellCommand(TaskState task, String container);

    TaskActions NONE = new TaskActions() {
        @Override
        public void stopTask(TaskState task) {
        }

        @Override
        public void scaleService(TaskState task) {
        }

        @Override
        public void copyShellCommand(TaskState task, String container) {
        }
    };
}
