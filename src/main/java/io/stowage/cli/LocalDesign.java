package io.stowage.cli;

import io.stowage.engine.ecs.AwsSecrets;
import io.stowage.engine.ecs.EcrLogin;
import io.stowage.engine.ecs.EcsSettings;
import io.stowage.engine.local.DockerConnection;
import io.stowage.engine.local.LocalEngine;
import io.stowage.engine.local.LocalRunOptions;
import io.stowage.engine.local.PullBehavior;
import io.stowage.engine.local.SecretResolver;
import io.stowage.engine.local.SecretsFile;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A design as the local-run commands use it: read from its file, with the key its containers are labelled by,
 * and the options for running it (the secrets file beside it, the AWS-backed secrets and ECR login wired in here,
 * since only {@code engine.ecs} may touch the AWS SDK).
 */
record LocalDesign(Path file, Design design, String key) {

    static LocalDesign load(Path file) throws UnreadableFileException {
        Design design = DesignFormat.read(file).design();
        return new LocalDesign(file, design, LocalEngine.designKey(design.name(), file));
    }

    Path directory() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    /** {@code shop.stowage.json} → {@code shop.secrets.json} beside it. */
    Path defaultSecretsFile() {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".stowage.json") ? name.substring(0, name.length() - ".stowage.json".length())
                : name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return directory().resolve(stem + ".secrets.json");
    }

    LocalRunOptions options(PullBehavior pull, Path secretsFile, boolean publishAll, String instanceBase,
                            String taskBase) {
        SecretResolver secrets = SecretResolver.NONE;
        Path file = secretsFile != null ? secretsFile : defaultSecretsFile();
        if (secretsFile != null || Files.isRegularFile(file)) {
            secrets = SecretsFile.read(file);
        }
        EcsSettings aws = EcsSettings.defaults();
        if (awsConfigured()) {
            secrets = secrets.orElse(new AwsSecrets(aws));
        }
        return LocalRunOptions.defaults().withAddresses(instanceBase, taskBase).withPublishAllInterfaces(publishAll)
                .withPullBehavior(pull).withDesignDirectory(directory()).withSecrets(secrets)
                .withRegistryLogin(awsConfigured() ? new EcrLogin(aws) : null);
    }

    /** AWS is asked only where credentials are configured, so that nothing probes instance metadata. */
    static boolean awsConfigured() {
        return System.getenv("AWS_ACCESS_KEY_ID") != null || System.getenv("AWS_PROFILE") != null
                || Files.isRegularFile(Path.of(System.getProperty("user.home"), ".aws", "credentials"));
    }

    static LocalEngine engine() {
        return new LocalEngine(DockerConnection.fromEnvironment());
    }
}
