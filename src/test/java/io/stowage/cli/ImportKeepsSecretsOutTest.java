package io.stowage.cli;

import io.stowage.engine.LocalRunSetup;
import io.stowage.engine.local.SecretsFile;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 9: the values of .env and env_file (files people keep out of git) stay out of the design (which
 * people commit) and of every export; they go to the secrets file beside the design, which the local run reads,
 * and the report says so. Traced as the probe did: distinctive values searched for in every file written.
 */
class ImportKeepsSecretsOutTest {
    private static final List<String> SECRETS = List.of("hunter2-db-pass", "sk_live_51Hx", "s3cr3t-token-9",
            "postgres://app:pw-in-url-77@db/app");

    @TempDir
    Path dir;

    private Path project() throws IOException {
        Path project = Files.createDirectories(dir.resolve("shop"));
        Files.writeString(project.resolve(".env"), """
                DB_PASSWORD=hunter2-db-pass
                DB_PW_IN_URL=pw-in-url-77
                TAG=1.4
                """);
        Files.writeString(project.resolve("web.env"), """
                STRIPE_KEY=sk_live_51Hx
                # a comment
                API_TOKEN="s3cr3t-token-9"
                """);
        return Files.writeString(project.resolve("compose.yml"), """
                services:
                  web:
                    image: "shop/web:${TAG}"
                    env_file: web.env
                    environment:
                      LOG_LEVEL: debug
                      DATABASE_URL: "postgres://app:${DB_PW_IN_URL}@db/app"
                    ports:
                      - "8080:80"
                  db:
                    image: postgres:16
                    environment:
                      - POSTGRES_PASSWORD=${DB_PASSWORD}
                      - POSTGRES_DB=app
                """);
    }

    @Test
    void valuesOfDotEnvAndEnvFilesGoToTheSecretsFileAndNowhereElse() throws Exception {
        Path compose = project();
        Path design = dir.resolve("out/shop.stowage.json");
        Files.createDirectories(design.getParent());

        CliRun run = CliRun.of("import", compose.toString(), "-o", design.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path secretsFile = dir.resolve("out/shop.secrets.json");
        assertThat(run.out()).contains("wrote " + secretsFile + ": 4 values of .env and env_file kept out of the design");
        assertThat(run.out()).contains(compose + ":4:15: assumed: services.web.env_file: the values of STRIPE_KEY, "
                + "API_TOKEN from web.env (a file kept out of version control) are kept out of the design: each is an "
                + "ECS secret (valueFrom /shop/web/STRIPE_KEY, /shop/web/API_TOKEN) whose value is in the secrets file "
                + "beside the design, which the local run reads; before deploying, store them in SSM Parameter Store "
                + "under those names (the execution role must be allowed ssm:GetParameters), or import with "
                + "--inline-env-files to write the values into the task definition");
        assertThat(run.out()).contains("assumed: services.db.environment: the value of POSTGRES_PASSWORD from .env "
                + "(DB_PASSWORD) (a file kept out of version control) is kept out of the design");
        assertThat(run.out()).contains("assumed: services.web.image: the value of TAG from .env is written into the "
                + "design here: only a container's environment variables are kept out of it");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretsFile))).isEqualTo("rw-------");

        Design read = DesignFormat.read(design).design();
        TaskDefinition web = read.taskDefinitions().get("web");
        assertThat(JsonText.compact(web.json().get("containerDefinitions"))).contains(
                "\"environment\":[{\"name\":\"LOG_LEVEL\",\"value\":\"debug\"}]",
                "{\"name\":\"DATABASE_URL\",\"valueFrom\":\"/shop/web/DATABASE_URL\"}",
                "{\"name\":\"STRIPE_KEY\",\"valueFrom\":\"/shop/web/STRIPE_KEY\"}");
        assertThat(web.executionRoleArn()).isEqualTo("ecsTaskExecutionRole");
        assertThat(JsonText.compact(read.taskDefinitions().get("db").json())).contains("{\"name\":\"POSTGRES_DB\",\"value\":\"app\"}")
                .contains("{\"name\":\"POSTGRES_PASSWORD\",\"valueFrom\":\"/shop/db/POSTGRES_PASSWORD\"}");
        assertThat(JsonText.compact(web.json())).contains("shop/web:1.4");

        // The local run finds every value the design names.
        SecretsFile local = SecretsFile.read(LocalRunSetup.defaultSecretsFile(design));
        assertThat(local.warnings()).isEmpty();
        assertThat(local.resolve("/shop/web/DATABASE_URL")).contains("postgres://app:pw-in-url-77@db/app");
        assertThat(local.resolve("/shop/web/STRIPE_KEY")).contains("sk_live_51Hx");
        assertThat(local.resolve("/shop/web/API_TOKEN")).contains("s3cr3t-token-9");
        assertThat(local.resolve("/shop/db/POSTGRES_PASSWORD")).contains("hunter2-db-pass");

        assertThat(CliRun.of("validate", design.toString()).out()).doesNotContain(": error: ");
        Path exports = Files.createDirectories(dir.resolve("exports"));
        for (String[] target : new String[][]{{"compose", "compose.yaml"}, {"cloudformation", "template.yaml"},
                {"taskdefs", "taskdefs"}}) {
            CliRun export = CliRun.of("export", "--to", target[0], "-o", exports.resolve(target[1]).toString(),
                    design.toString());
            assertThat(export.exitCode()).as(export.err()).isZero();
            assertNoSecret(export.out() + export.err(), target[0] + "'s output");
        }
        assertNoSecret(run.out() + run.err(), "the import's report");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (file.startsWith(dir.resolve("shop")) || file.equals(secretsFile)) {
                    continue;
                }
                assertNoSecret(Files.readString(file), file.toString());
            }
        }
        // CloudFormation reads them from Parameter Store, never from a plain Value.
        String template = Files.readString(exports.resolve("template.yaml"));
        assertThat(template).contains("ValueFrom: \"/shop/web/STRIPE_KEY\"");
    }

    @Test
    void importingAgainKeepsTheSecretsFileAndInlineWritesTheValuesAsAsked() throws Exception {
        Path compose = project();
        Path design = dir.resolve("shop.stowage.json");
        Path secretsFile = dir.resolve("shop.secrets.json");
        Files.writeString(secretsFile, "{\"arn:aws:secretsmanager:us-east-1:1:secret:mine\": \"kept\"}");

        assertThat(CliRun.of("import", compose.toString(), "-o", design.toString()).exitCode()).isZero();
        SecretsFile local = SecretsFile.read(secretsFile);
        assertThat(local.resolve("arn:aws:secretsmanager:us-east-1:1:secret:mine")).contains("kept");
        assertThat(local.resolve("/shop/web/STRIPE_KEY")).contains("sk_live_51Hx");

        Path inline = dir.resolve("inline.stowage.json");
        CliRun run = CliRun.of("import", "--inline-env-files", compose.toString(), "-o", inline.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dir.resolve("inline.secrets.json")).doesNotExist();
        assertThat(run.out()).contains("approximated: services.web.env_file: the values of STRIPE_KEY, API_TOKEN "
                + "from web.env are written into the task definition, as asked");
        Json containers = DesignFormat.read(inline).design().taskDefinitions().get("web").json().get("containerDefinitions");
        assertThat(JsonText.compact(containers)).contains("{\"name\":\"STRIPE_KEY\",\"value\":\"sk_live_51Hx\"}")
                .doesNotContain("valueFrom");
    }

    @Test
    void anUnreadableSecretsFileBesideTheDesignStopsTheImportBeforeAnythingIsWritten() throws Exception {
        Path compose = project();
        Path design = dir.resolve("shop.stowage.json");
        Path secretsFile = dir.resolve("shop.secrets.json");
        Files.writeString(secretsFile, "{\"/x\": hunter2-db-pass}");

        CliRun run = CliRun.of("import", compose.toString(), "-o", design.toString());

        assertThat(run.exitCode()).isEqualTo(Cli.UNUSABLE_INPUT);
        assertThat(run.err()).startsWith(secretsFile + ": error: line 1, column 8: ").contains("nothing was written");
        assertNoSecret(run.err(), "the error");
        assertThat(design).doesNotExist();
        assertThat(Files.readString(secretsFile)).isEqualTo("{\"/x\": hunter2-db-pass}");
    }

    @Test
    void aMalformedEnvFileOrDotEnvIsReportedWithoutTheValuesOnItsLines() throws Exception {
        Path compose = project();
        Files.writeString(compose.resolveSibling("web.env"), "STRIPE_KEY sk_live_51Hx\n");
        Files.writeString(compose.resolveSibling(".env"), "TAG=1\nDB PASSWORD=hunter2-db-pass\n");

        CliRun dotEnv = CliRun.of("import", compose.toString(), "-o", dir.resolve("a.stowage.json").toString());
        assertThat(dotEnv.exitCode()).isEqualTo(Cli.UNUSABLE_INPUT);
        assertThat(dotEnv.err()).isEqualTo(compose.resolveSibling(".env") + ": error: line 2: expected KEY=value, found "
                + "a line starting with DB that is not one (the rest of it is not repeated, as it may be a secret)\n");

        Files.writeString(compose.resolveSibling(".env"), "TAG=1\n");
        CliRun envFile = CliRun.of("import", compose.toString(), "-o", dir.resolve("b.stowage.json").toString());
        assertThat(envFile.exitCode()).as(envFile.err()).isZero();
        assertThat(envFile.out()).contains("not mapped: services.web.env_file: " + compose.resolveSibling("web.env")
                + ": line 1: expected KEY=value, found a line starting with STRIPE_KEY that is not one");
        assertNoSecret(dotEnv.err() + envFile.out() + envFile.err(), "the messages");
    }

    private static void assertNoSecret(String text, String what) {
        for (String secret : SECRETS) {
            assertThat(text).as(what).doesNotContain(secret);
        }
        assertThat(text).as(what).doesNotContain("pw-in-url-77");
    }
}
