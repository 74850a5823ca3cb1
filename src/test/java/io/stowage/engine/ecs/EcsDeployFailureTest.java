package io.stowage.engine.ecs;

import io.stowage.model.deploy.ApplyListener;
import io.stowage.model.deploy.ApplyReport;
import io.stowage.model.deploy.DeployPlan;
import io.stowage.model.deploy.PlannedChange;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.AwsVpcConfiguration;
import io.stowage.model.ecs.NetworkConfiguration;
import io.stowage.testsupport.EcsEndpointExtension;
import io.stowage.testsupport.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A deploy that fails halfway says what it did, and the next apply finishes the job without doing it twice. */
@Tag("ecs")
class EcsDeployFailureTest {

    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();

    private AwsClients direct;
    private MotoAccount account;
    private Design design;

    @BeforeEach
    void account() {
        ECS.reset();
        direct = new AwsClients(ECS.settings());
        account = new MotoAccount(direct);
        account.createInstanceProfile("ecsInstanceRole");
        account.createExampleConsoleDefaults();
        design = EcsDeployTest.exampleWithSubnets(account);
    }

    @AfterEach
    void close() {
        direct.close();
    }

    private ApplyListener agents() {
        return new ApplyListener() {
            @Override
            public void progress(PlannedChange change, String message) {
                if (message.startsWith("waiting for a container instance")) {
                    account.registerLaunched(change.cluster());
                }
            }
        };
    }

    @Test
    void aRefusedCallStopsTheApplyAndTheNextApplyMakesTheRest() {
        Design missingSubnet = withWorkerSubnet(design, "subnet-0123456789abcdef0");
        EcsDeployer deployer = new EcsDeployer(direct, EcsDeployTest.QUICK);

        ApplyReport first = deployer.apply(deployer.plan(missingSubnet), agents(), Cancellation.none());

        assertThat(first.succeeded()).isFalse();
        assertThat(first.failed().summary()).isEqualTo("create service demo/worker");
        assertThat(first.failure()).startsWith("CreateService failed: InvalidParameterException: ")
                .contains("subnet-0123456789abcdef0");
        assertThat(first.done()).extracting(d -> d.change().summary()).containsExactly(
                "create cluster demo",
                "launch instance demo/i-0a1b2c3d: t3.medium in us-east-1a (" + account.defaultSubnet("us-east-1a") + ")",
                "launch instance demo/i-0e5f6a7b: t3.large in us-east-1b (" + account.defaultSubnet("us-east-1b") + ")",
                "register task definition web (first revision)",
                "register task definition api (first revision)",
                "register task definition worker (first revision)",
                "register task definition report (first revision)",
                "create service demo/web",
                "create service demo/api");
        assertThat(first.notDone()).extracting(PlannedChange::summary).containsExactly(
                "create service demo/worker", "create service demo/report", "run task demo/smoke-test: 1 x api (new) on EC2");
        assertThat(first.lines()).last().asString()
                .isEqualTo("Apply stopped: 9 made, 3 not made; apply again to make the rest once the cause is fixed");

        DeployPlan rest = deployer.plan(design);
        ApplyReport second = deployer.apply(rest, agents(), Cancellation.none());

        assertThat(rest.summaryLine()).isEqualTo("Plan: 3 to create, 0 to update, 9 unchanged");
        assertThat(second.succeeded()).as(String.join("\n", second.lines())).isTrue();
        assertThat(deployer.plan(design).toApply()).isEmpty();
        assertThat(account.launched("demo")).hasSize(2);
    }

    @Test
    void anEndpointThatStopsAnsweringIsReportedAndTheNextApplyCompletes() throws IOException {
        try (TcpProxy proxy = TcpProxy.start(ECS.endpoint());
             AwsClients viaProxy = new AwsClients(new EcsSettings(ECS.region(), null, proxy.endpoint(),
                     EcsEndpointExtension.KEYS))) {
            EcsDeployer deployer = new EcsDeployer(viaProxy, EcsDeployTest.QUICK);
            DeployPlan plan = deployer.plan(design);
            ApplyListener cutAfterFour = new ApplyListener() {
                @Override
                public void finished(PlannedChange change, String outcome) {
                    if (change.summary().equals("register task definition web (first revision)")) {
                        proxy.stop();
                    }
                }
            };

            ApplyReport first = deployer.apply(plan, cutAfterFour, Cancellation.none());

            assertThat(first.done()).hasSize(4);
            assertThat(first.failed().summary()).isEqualTo("register task definition api (first revision)");
            assertThat(first.failure()).startsWith("no ECS endpoint answers at " + proxy.endpoint()
                    + " (RegisterTaskDefinition: ");
            assertThat(first.notDone()).hasSize(8);

            proxy.resume();
            DeployPlan rest = deployer.plan(design);
            ApplyReport second = deployer.apply(rest, agents(), Cancellation.none());

            assertThat(rest.summaryLine()).isEqualTo("Plan: 8 to create, 0 to update, 4 unchanged");
            assertThat(second.succeeded()).as(String.join("\n", second.lines())).isTrue();
            assertThat(deployer.plan(design).summaryLine()).isEqualTo("Plan: 0 to create, 0 to update, 12 unchanged");
            assertThat(direct.ecs().describeTaskDefinition(r -> r.taskDefinition("web")).taskDefinition().revision())
                    .isEqualTo(1);
        }
    }

    @Test
    void aCancelledApplyStopsBeforeItsNextChange() {
        EcsDeployer deployer = new EcsDeployer(direct, EcsDeployTest.QUICK);
        Cancellation cancel = new Cancellation();
        ApplyListener cancelAfterCluster = new ApplyListener() {
            @Override
            public void finished(PlannedChange change, String outcome) {
                cancel.cancel();
            }
        };

        ApplyReport report = deployer.apply(deployer.plan(design), cancelAfterCluster, cancel);

        assertThat(report.cancelled()).isTrue();
        assertThat(report.done()).extracting(d -> d.change().summary()).containsExactly("create cluster demo");
        assertThat(report.notDone()).hasSize(11);
        assertThat(deployer.plan(design).summaryLine()).isEqualTo("Plan: 11 to create, 0 to update, 1 unchanged");
    }

    private static Design withWorkerSubnet(Design design, String subnet) {
        Cluster demo = design.cluster("demo").orElseThrow();
        Service worker = demo.service("worker").orElseThrow();
        AwsVpcConfiguration vpc = worker.spec().networkConfiguration().awsvpcConfiguration()
                .withSubnets(List.of(subnet));
        return design.withCluster(demo.withService(worker.withSpec(worker.spec().withNetworkConfiguration(
                NetworkConfiguration.EMPTY.withAwsvpcConfiguration(vpc)))));
    }
}
