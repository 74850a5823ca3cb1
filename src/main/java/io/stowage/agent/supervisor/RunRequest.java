package io.stowage.agent.supervisor;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

/** What a command hands the agent to start a design's run: the options of {@code stowage up}, paths made absolute. */
public final class RunRequest {
    private RunRequest() {
    }

    /** The member holding the caller's AWS settings (environment variables): in memory only, never in a file. */
    public static final String AWS_ENVIRONMENT = "awsEnvironment";

    /**
     * What a command hands the agent to take over a design's run whose keeper ended ({@code stowage ps}, {@code up},
     * {@code agent status} finding it unsupervised): the design and its key; the agent uses the options the run was
     * started with when it kept them, else the defaults of {@code up}.
     */
    public static ObjectNode adopt(Path designFile, String designKey, String dockerHost, String command) {
        ObjectNode node = of(designFile, "default", null, false, "127.0.1", "127.0.2", dockerHost, command);
        node.put("designKey", designKey);
        return node;
    }

    public static ObjectNode of(Path designFile, String pull, Path secrets, boolean publishAll, String instanceBase,
                                String taskBase, String dockerHost, String command) {
        ObjectNode node = AgentFiles.JSON.createObjectNode();
        node.put("file", designFile.toAbsolutePath().normalize().toString());
        node.put("pull", pull);
        if (secrets != null) {
            node.put("secrets", secrets.toAbsolutePath().normalize().toString());
        }
        node.put("publishAll", publishAll);
        node.put("instanceBase", instanceBase);
        node.put("taskBase", taskBase);
        node.put("dockerHost", dockerHost);
        node.put("command", command);
        return node;
    }

    /**
     * What the desktop hands the agent: the design as the window shows it (saved or not, as its text), the key its
     * run is labelled by, and its file when it has one (relative paths in the design, the secrets file beside it).
     */
    public static ObjectNode ofDesign(Path designFile, String designText, String designKey, String dockerHost,
                                      String command) {
        ObjectNode node = AgentFiles.JSON.createObjectNode();
        if (designFile != null) {
            node.put("file", designFile.toAbsolutePath().normalize().toString());
        }
        node.put("design", designText);
        node.put("designKey", designKey);
        node.put("pull", "default");
        node.put("publishAll", false);
        node.put("instanceBase", "127.0.1");
        node.put("taskBase", "127.0.2");
        node.put("dockerHost", dockerHost);
        node.put("command", command);
        return node;
    }
}
