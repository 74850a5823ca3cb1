package io.stowage.engine;

import io.stowage.engine.ecs.AwsSecrets;
import io.stowage.engine.ecs.EcrLogin;
import io.stowage.engine.ecs.EcsSettings;
import io.stowage.engine.ecs.StsExecutionRoles;
import io.stowage.engine.ecs.StsRoles;
import io.stowage.engine.local.AgentServices;
import io.stowage.engine.local.TaskEndpoints;
import io.stowage.engine.local.LocalRunOptions;
import io.stowage.engine.local.PullBehavior;
import io.stowage.engine.local.SecretResolver;
import io.stowage.engine.local.SecretsFile;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a design file is run locally, the same from the command line and the desktop: its secrets from the file
 * beside it (never written into the design), Secrets Manager, SSM and ECR login through AWS where credentials
 * are configured. It joins the two engines, which do not know each other.
 */
public final class LocalRunSetup {

    private LocalRunSetup() {
    }

    /** {@code shop.stowage.json} → {@code shop.secrets.json} beside it; null for an unsaved design. */
    public static Path defaultSecretsFile(Path designFile) {
        if (designFile == null) {
            return null;
        }
        String name = designFile.getFileName().toString();
        String stem = name.endsWith(".stowage.json") ? name.substring(0, name.length() - ".stowage.json".length())
                : name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return directory(designFile).resolve(stem + ".secrets.json");
    }

    /** The folder relative paths of a design (build contexts, env files) start from. */
    public static Path directory(Path designFile) {
        Path parent = designFile == null ? null : designFile.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /**
     * @param designFile  the design's file, or null when unsaved
     * @param secretsFile the secrets file, or null for the default one beside the design (used when present)
     */
    public static LocalRunOptions options(Path designFile, PullBehavior pull, Path secretsFile, boolean publishAll,
                                          String instanceBase, String taskBase) {
        SecretResolver secrets = localSecrets(designFile, secretsFile);
        EcsSettings aws = EcsSettings.defaults();
        if (awsConfigured()) {
            secrets = secrets.orElse(new AwsSecrets(aws));
        }
        return LocalRunOptions.defaults().withAddresses(instanceBase, taskBase).withPublishAllInterfaces(publishAll)
                .withPullBehavior(pull).withDesignDirectory(directory(designFile)).withSecrets(secrets)
                .withRegistryLogin(awsConfigured() ? new EcrLogin(aws) : null);
    }

    /**
     * The options of a run the local agent serves: its endpoints give the containers their metadata and task-role
     * credentials, and the agent reads secrets and pulls ECR images with each task's execution role ({@code roles},
     * assumed through STS), so the run's secrets are only the local file's.
     */
    public static LocalRunOptions options(Path designFile, PullBehavior pull, Path secretsFile, boolean publishAll,
                                          String instanceBase, String taskBase, TaskEndpoints endpoints,
                                          StsRoles roles) {
        SecretResolver secrets = localSecrets(designFile, secretsFile);
        AgentServices agent = AgentServices.NONE.withEndpoints(endpoints)
                .withExecutionRoles(new StsExecutionRoles(EcsSettings.defaults(), roles))
                .withRegion(roles.configuredRegion());
        return LocalRunOptions.defaults().withAddresses(instanceBase, taskBase).withPublishAllInterfaces(publishAll)
                .withPullBehavior(pull).withDesignDirectory(directory(designFile)).withSecrets(secrets).withAgent(agent);
    }

    /** The secrets file given, or the one beside the design when it is there. */
    private static SecretResolver localSecrets(Path designFile, Path secretsFile) {
        Path file = secretsFile != null ? secretsFile : defaultSecretsFile(designFile);
        return file != null && (secretsFile != null || Files.isRegularFile(file)) ? SecretsFile.read(file)
                : SecretResolver.NONE;
    }

    /** AWS is asked only where credentials are configured, so that nothing probes instance metadata. */
    public static boolean awsConfigured() {
        return System.getenv("AWS_ACCESS_KEY_ID") != null || System.getenv("AWS_PROFILE") != null
                || Files.isRegularFile(Path.of(System.getProperty("user.home"), ".aws", "credentials"));
    }
}
