package io.stowage.app;

import io.stowage.format.design.DesignFormat;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.deploy.EcsAgentConfig;
import io.stowage.model.deploy.Ec2Launch;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.AwsVpcConfiguration;
import io.stowage.model.ecs.NetworkConfiguration;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.runtime.TaskState;
import io.stowage.testsupport.EcsEndpointExtension;
import io.stowage.ui.shell.MainWindow;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.iam.IamClient;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static io.stowage.testsupport.FxWait.await;
import static io.stowage.testsupport.FxWait.onFx;

/**
 * The example design deployed to an ECS endpoint (moto_server) from the desktop, as a user would: Deploy, the
 * target, the plan, Apply; then the watch shows the task that deploy ran on the instance it launched, on the
 * canvas and in the tasks panel. The test plays the part of the ECS agents, registering each instance the
 * deploy launches, as moto runs none.
 */
@Tag("ecs")
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class EcsLiveByHandTest {
    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();
    @TempDir
    static Path dir;

    private MainWindow window;
    private EcsClient ecs;
    private Ec2Client ec2;
    private Thread agents;

    @Start
    void start(Stage stage) throws Exception {
        ECS.reset();
        // The SDK's default chain reads these, as it would a user's environment.
        System.setProperty("aws.accessKeyId", EcsEndpointExtension.KEYS.accessKeyId());
        System.setProperty("aws.secretAccessKey", EcsEndpointExtension.KEYS.secretAccessKey());
        ecs = EcsClient.builder().endpointOverride(ECS.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(ECS.credentials()).build();
        ec2 = Ec2Client.builder().endpointOverride(ECS.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(ECS.credentials()).build();
        try (IamClient iam = IamClient.builder().endpointOverride(ECS.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(ECS.credentials()).build()) {
            iam.createInstanceProfile(r -> r.instanceProfileName("ecsInstanceRole"));
        }
        Path file = dir.resolve("deploy-demo" + DesignFormat.EXTENSION);
        DesignFormat.write(exampleForTheAccount(), file);
        window = AppWindows.showing(stage, file, "io/stowage/test/ecs-live-by-hand");
        agents = new Thread(this::actAsAgents, "ecs-agents");
        agents.setDaemon(true);
        agents.start();
    }

    @AfterEach
    void stop() throws Exception {
        agents.interrupt();
        agents.join(5000);
        WaitForAsyncUtils.asyncFx(() -> window.liveActions().stopWatching()).get(10, TimeUnit.SECONDS);
        ecs.close();
        ec2.close();
    }

    @Test
    void deployFromTheAppThenWatchTheTaskOnItsInstance(FxRobot robot) throws Exception {
        robot.clickOn("#tool-deploy");
        robot.clickOn("#ecs-target-region").write(EcsEndpointExtension.REGION);
        robot.clickOn("#ecs-target-endpoint").write(ECS.endpoint().toString());
        robot.clickOn("#ecs-target-go");

        await(60, () -> robot.lookup("#deploy-plan-changes").tryQuery().isPresent());
        ListView<?> changes = robot.lookup("#deploy-plan-changes").queryListView();
        assertThat(changes.getItems()).map(Object::toString)
                .anyMatch(line -> line.startsWith("+ ") && line.contains("cluster demo"))
                .anyMatch(line -> line.contains("service") && line.contains("web"));
        WaitForAsyncUtils.waitForFxEvents();
        var planWindow = robot.lookup("#deploy-apply").query().getScene().getWindow();
        assertThat(onFx(planWindow::getWidth)).as("the plan fits on the screen").isLessThan(1000);
        robot.clickOn("#deploy-apply");

        TaskState smoke = await(120, () -> tasks().stream().filter(t -> "family:api".equals(t.group()))
                .findFirst().orElse(null));
        assertThat(smoke.cluster()).isEqualTo("demo");
        assertThat(smoke.instanceId()).isIn("i-0a1b2c3d", "i-0e5f6a7b");
        await(30, () -> robot.lookup("#live-chip-" + smoke.taskId()).tryQuery().isPresent());
        assertThat(robot.lookup("#live-chip-" + smoke.taskId()).queryAs(Label.class).getText()).startsWith("api ");
        assertThat(onFx(() -> window.liveArea().model().instances().size())).isEqualTo(2);
        assertThat(ecs.describeServices(r -> r.cluster("demo").services("web")).services().get(0).desiredCount())
                .isEqualTo(2);
    }

    /**
     * What the agents of the launched instances do when they boot with Stowage's user data:
     * RegisterContainerInstance, and the design's id as the instance attribute (moto ignores attributes given at
     * registration, so they are put afterwards).
     */
    private void actAsAgents() {
        Set<String> registered = new HashSet<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                for (var reservation : ec2.describeInstances(r -> r.filters(Filter.builder()
                        .name("tag:" + Ec2Launch.CLUSTER_TAG).values("demo").build())).reservations()) {
                    for (Instance instance : reservation.instances()) {
                        if (registered.add(instance.instanceId())) {
                            register(instance);
                        }
                    }
                }
                Thread.sleep(200);
            } catch (InterruptedException stopped) {
                return;
            } catch (RuntimeException notYet) {
                // The endpoint is busy with the deploy; look again.
            }
        }
    }

    private void register(Instance instance) {
        String designId = instance.tags().stream().filter(t -> t.key().equals(Ec2Launch.INSTANCE_TAG)).findFirst()
                .orElseThrow().value();
        String arn = ecs.registerContainerInstance(r -> r.cluster("demo")
                .instanceIdentityDocument("{\"instanceId\": \"" + instance.instanceId() + "\"}"))
                .containerInstance().containerInstanceArn();
        ecs.putAttributes(r -> r.cluster("demo").attributes(Attribute.builder()
                .name(EcsAgentConfig.INSTANCE_ATTRIBUTE).value(designId).targetId(arn).build()));
    }

    /**
     * The example with the account's subnets and security group in place of its illustrative ones, and, for
     * moto's sake, without {@code requiresCompatibilities: ["EC2"]} where containers give only a
     * memoryReservation (moto wrongly demands a hard limit there; see docs/ecs.md).
     */
    private Design exampleForTheAccount() {
        Design example = ExampleDesigns.firstStart().design();
        for (TaskDefinition td : example.taskDefinitionList()) {
            boolean reservationOnly = td.containerDefinitions().stream().anyMatch(c -> c.memory() == null);
            if (td.requiresCompatibilities().equals(List.of("EC2")) && reservationOnly) {
                example = example.withTaskDefinition(td.withRequiresCompatibilities(null));
            }
        }
        List<String> subnets = List.of(subnet("us-east-1a"), subnet("us-east-1b"));
        String group = ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name").values("default")
                .build())).securityGroups().get(0).groupId();
        Cluster demo = example.cluster("demo").orElseThrow();
        Service worker = demo.service("worker").orElseThrow();
        AwsVpcConfiguration vpc = worker.spec().networkConfiguration().awsvpcConfiguration().withSubnets(subnets)
                .withSecurityGroups(List.of(group));
        return example.withCluster(demo.withService(worker.withSpec(worker.spec().withNetworkConfiguration(
                NetworkConfiguration.EMPTY.withAwsvpcConfiguration(vpc)))));
    }

    private String subnet(String zone) {
        return ec2.describeSubnets(r -> r.filters(Filter.builder().name("default-for-az").values("true").build(),
                Filter.builder().name("availability-zone").values(zone).build())).subnets().get(0).subnetId();
    }

    private List<TaskState> tasks() {
        return onFx(() -> List.copyOf(window.liveArea().model().tasks()));
    }
}
