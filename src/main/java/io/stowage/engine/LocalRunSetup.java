package io.stowage.engine;

import io.stowage.engine.ecs.AwsSecrets;
import io.stowage.engine.ecs.EcrLogin;
import io.stowage.engine.ecs.EcsSettings;
import io.stowage.engine.ecs.StsExecutionRoles;
import io.stowage.engine.ecs.StsRoles;
import io.stowage.engine.local.AgentServices;
import io.stowage.engine.local.RoleAssumer;
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
        return io.stowage.format.SecretsFileFormat.besideDesign(designFile);
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
     * credentials ({@code roles} assumes them), and the agent reads secrets and pulls ECR images with each task's
     * execution role, assumed the same way, so the run's own secrets are only the local file's. Without AWS
     * credentials configured nothing is asked of AWS: secrets come from the local file only.
     */
    public static LocalRunOptions options(Path designFile, PullBehavior pull, Path secretsFile, boolean publishAll,
                                          String instanceBase, String taskBase, TaskEndpoints endpoints,
                                          RoleAssumer roles) {
        EcsSettings aws = EcsSettings.defaults();
        AgentServices agent = AgentServices.NONE.withEndpoints(endpoints)
                .withExecutionRoles(awsConfigured() ? new StsExecutionRoles(aws, roles) : null)
                .withRegion(StsRoles.configuredRegion(aws));
        return LocalRunOptions.defaults().withAddresses(instanceBase, taskBase).withPublishAllInterfaces(publishAll)
                .withPullBehavior(pull).withDesignDirectory(directory(designFile))
                .withSecrets(localSecrets(designFile, secretsFile)).withAgent(agent);
    }

    /**
     * What assumes the task roles of the runs the local agent serves: STS with the SDK's default chain, or, where no
     * AWS credentials are configured, an assumer that says so (the SDK would otherwise wait for instance metadata).
     */
    public static RoleAssumer roles() {
        if (awsConfigured()) {
            return new StsRoles(EcsSettings.defaults());
        }
        return RoleAssumer.refusing("no AWS credentials are configured (AWS_ACCESS_KEY_ID, AWS_PROFILE, "
                + "~/.aws/credentials or ~/.aws/config), so the local agent cannot assume the role with STS; "
                + "configure them and start the run again.");
    }

    /** The secrets file given, or the one beside the design when it is there. */
    private static SecretResolver localSecrets(Path designFile, Path secretsFile) {
        Path file = secretsFile != null ? secretsFile : defaultSecretsFile(designFile);
        return file != null && (secretsFile != null || Files.isRegularFile(file)) ? SecretsFile.read(file)
                : SecretResolver.NONE;
    }

    /**
     * AWS is asked only where credentials are configured (the SDK's default chain's sources but the instance
     * metadata service), so that nothing waits for instance metadata on a machine that has none.
     */
    public static boolean awsConfigured() {
        for (String variable : new String[]{"AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE"}) {
            if (System.getenv(variable) != null) {
                return true;
            }
        }
        Path aws = Path.of(System.getProperty("user.home"), ".aws");
        return System.getProperty("aws.accessKeyId") != null || Files.isRegularFile(aws.resolve("credentials"))
                || Files.isRegularFile(aws.resolve("config"));
    }
}
