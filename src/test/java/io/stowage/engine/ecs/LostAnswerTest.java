package io.stowage.engine.ecs;

import io.stowage.format.design.DesignFormat;
import io.stowage.model.deploy.ApplyListener;
import io.stowage.model.deploy.ApplyReport;
import io.stowage.model.deploy.DeployPlan;
import io.stowage.model.design.Design;
import io.stowage.testsupport.EcsEndpointExtension;
import io.stowage.testsupport.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe's lost answers: a loopback proxy in front of moto_server lets each call through and cuts the
 * connection as the answer comes back, once, for one operation. The SDK would retry and make a second copy; the
 * deploy looks for what the lost call made first, so ECS holds exactly the designed tasks, one revision, one
 * service, and the report and the next plan say so.
 */
@Tag("ecs")
class LostAnswerTest {
    private static final String TARGET = "AmazonEC2ContainerServiceV20141113.";

    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();

    private AwsClients direct;
    private MotoAccount account;

    @BeforeEach
    void account() {
        ECS.reset();
        direct = new AwsClients(ECS.settings());
        account = new MotoAccount(direct);
    }

    @AfterEach
    void close() {
        direct.close();
    }

    /**
     * A Fargate service and a standalone task of count 3, on the account's default subnet. Containers name a
     * memory limit, which Fargate does not need, because moto's RunTask fails without one (HTTP 500).
     */
    private Design design() throws Exception {
        String subnet = account.defaultSubnet("us-east-1a");
        // securityGroups, which ECS does not require, because moto fails without them (HTTP 500, KeyError).
        String network = "\"networkConfiguration\": {\"awsvpcConfiguration\": {\"subnets\": [\"" + subnet
                + "\"], \"securityGroups\": [\"" + account.defaultSecurityGroup() + "\"]}}";
        return DesignFormat.parse("lost.stowage.json", """
                {"formatVersion": 1, "name": "lost", "clusters": [{"id": "demo", "name": "demo",
                  "fargate": {"availabilityZones": ["us-east-1a"]},
                  "services": [{"id": "web", "service": {"serviceName": "web", "taskDefinition": "web",
                    "desiredCount": 1, "launchType": "FARGATE", %s}}],
                  "tasks": [{"id": "batch", "run": {"taskDefinition": "batch", "count": 3, "launchType": "FARGATE", %s}}]}],
                 "taskDefinitions": [
                  {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256",
                   "memory": "512", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 512, "essential": true}]},
                  {"family": "batch", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256",
                   "memory": "512", "containerDefinitions": [{"name": "batch", "image": "busybox:1.36", "memory": 512, "essential": true}]}]}
                """.formatted(network, network)).design();
    }

    @ParameterizedTest(name = "the answer to {0} lost")
    @ValueSource(strings = {"RunTask", "RegisterTaskDefinition", "CreateService"})
    void aLostAnswerMakesNothingTwice(String operation) throws Exception {
        Design design = design();
        try (TcpProxy proxy = TcpProxy.start(ECS.endpoint());
             AwsClients viaProxy = new AwsClients(new EcsSettings(ECS.region(), null, proxy.endpoint(),
                     EcsEndpointExtension.KEYS))) {
            EcsDeployer deployer = new EcsDeployer(viaProxy, EcsDeployTest.QUICK);
            DeployPlan plan = deployer.plan(design);
            proxy.loseNextAnswerTo(TARGET + operation);

            ApplyReport report = deployer.apply(plan, new ApplyListener() { }, Cancellation.none());

            assertThat(proxy.lostAnswers()).as("answers lost").isEqualTo(1);
            assertThat(report.succeeded()).as(String.join("\n", report.lines())).isTrue();
            assertThat(report.lines()).anyMatch(line -> line.contains("the answer was lost"));
            assertThat(runningBatchTasks()).as("tasks of batch").hasSize(3);
            assertThat(direct.ecs().listTaskDefinitions(r -> r.familyPrefix("batch")).taskDefinitionArns())
                    .as("revisions of batch").hasSize(1);
            assertThat(direct.ecs().listTaskDefinitions(r -> r.familyPrefix("web")).taskDefinitionArns())
                    .as("revisions of web").hasSize(1);
            assertThat(direct.ecs().listServices(r -> r.cluster("demo")).serviceArns()).as("services").hasSize(1);
            String started = report.done().stream().filter(d -> d.change().summary().startsWith("run task"))
                    .findFirst().orElseThrow().outcome();
            assertThat(java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f-]{27}").matcher(started).results())
                    .as("task ids in: " + started).hasSize(3);

            DeployPlan again = deployer.plan(design);
            assertThat(again.hasChanges()).as(again.summaryLine()).isFalse();
        }
    }

    @org.junit.jupiter.api.Test
    void aLostRunInstancesAnswerLaunchesOneInstance() throws Exception {
        account.createInstanceProfile("ecsInstanceRole");
        Design design = DesignFormat.parse("ec2.stowage.json", """
                {"formatVersion": 1, "name": "ec2", "clusters": [{"id": "demo", "name": "demo", "instances": [
                  {"id": "i-0a1b2c3d", "instanceType": "t3.medium", "availabilityZone": "us-east-1a"}]}]}
                """).design();
        try (TcpProxy proxy = TcpProxy.start(ECS.endpoint());
             AwsClients viaProxy = new AwsClients(new EcsSettings(ECS.region(), null, proxy.endpoint(),
                     EcsEndpointExtension.KEYS))) {
            EcsDeployer deployer = new EcsDeployer(viaProxy, EcsDeployTest.QUICK);
            DeployPlan plan = deployer.plan(design);
            proxy.loseNextAnswerTo("Action=RunInstances");

            ApplyReport report = deployer.apply(plan, new ApplyListener() { }, Cancellation.none());

            assertThat(proxy.lostAnswers()).as("answers lost").isEqualTo(1);
            assertThat(report.succeeded()).as(String.join("\n", report.lines())).isTrue();
            assertThat(report.lines()).anyMatch(line -> line.contains("the answer was lost; found launched"));
            assertThat(account.launched("demo")).as("instances launched").hasSize(1);
        }
    }

    private List<String> runningBatchTasks() {
        List<String> out = new ArrayList<>();
        direct.ecs().listTasksPaginator(r -> r.cluster("demo").family("batch").desiredStatus(DesiredStatus.RUNNING))
                .taskArns().forEach(out::add);
        return out;
    }
}
