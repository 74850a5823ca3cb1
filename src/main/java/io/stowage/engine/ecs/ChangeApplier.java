package io.stowage.engine.ecs;

import io.stowage.model.deploy.ApplyListener;
import io.stowage.model.deploy.ConsoleDefaults;
import io.stowage.model.deploy.Ec2Launch;
import io.stowage.model.deploy.PlannedChange;
import io.stowage.model.deploy.ServiceSettings;
import io.stowage.model.deploy.SettingChange;
import io.stowage.model.design.LaunchTypes;
import io.stowage.model.ecs.RunTaskSpec;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.PutAttributesRequest;
import software.amazon.awssdk.services.ecs.model.PutClusterCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** Makes one planned change through the API and says what came of it. */
final class ChangeApplier {
    private final AwsClients aws;
    private final ApplyOptions options;
    private final Map<String, String> images = new HashMap<>();
    /** Family to the ARN this apply registered, for requests that name the family alone. */
    private final Map<String, String> registered = new HashMap<>();
    private final LostAnswers lost;

    ChangeApplier(AwsClients aws, ApplyOptions options) {
        this.aws = aws;
        this.options = options;
        this.lost = new LostAnswers(aws);
    }

    /**
     * @return what came of it, e.g. the new revision's ARN
     * @throws EcsRequestException when AWS refuses the call
     * @throws io.stowage.engine.EngineUnavailableException when AWS cannot be reached
     * @throws ApplyStoppedException when the change cannot be completed (a wait timed out, RunTask placed nothing)
     */
    String apply(PlannedChange planned, ApplyListener listener, Cancellation cancellation) {
        PlannedChange change = withRegisteredRevision(planned);
        return switch (change.kind()) {
            case ROLE -> createRole(change.request());
            case LOG_GROUP -> createLogGroup(jsonText(change.request(), "logGroupName"));
            case CLUSTER -> call("CreateCluster", () -> aws.ecs().createCluster(SdkJson.fromModel(change.request(),
                    CreateClusterRequest.serializableBuilderClass(), "CreateCluster input"))).cluster().clusterArn();
            case CLUSTER_CAPACITY_PROVIDERS -> call("PutClusterCapacityProviders", () -> aws.ecs()
                    .putClusterCapacityProviders(SdkJson.fromModel(change.request(),
                            PutClusterCapacityProvidersRequest.serializableBuilderClass(),
                            "PutClusterCapacityProviders input"))).cluster().clusterArn();
            case LAUNCH_INSTANCE -> launch(change.launch());
            case ATTACH_INSTANCE -> attach(change.launch());
            case INSTANCE_ATTRIBUTES -> {
                call("PutAttributes", () -> aws.ecs().putAttributes(SdkJson.fromModel(change.request(),
                        PutAttributesRequest.serializableBuilderClass(), "PutAttributes input")));
                yield "";
            }
            case TASK_DEFINITION -> register(change);
            case CREATE_SERVICE -> createService(change);
            case UPDATE_SERVICE -> call("UpdateService", () -> aws.ecs().updateService(SdkJson.fromModel(
                    change.request(), UpdateServiceRequest.serializableBuilderClass(), "UpdateService input")))
                    .service().taskDefinition();
            case RUN_TASK -> runTask(change, listener, cancellation);
            case DELETE_SERVICE -> {
                String service = change.subject().substring(change.subject().indexOf('/') + 1);
                call("UpdateService", () -> aws.ecs().updateService(r -> r.cluster(change.cluster()).service(service)
                        .desiredCount(0)));
                yield call("DeleteService", () -> aws.ecs().deleteService(r -> r.cluster(change.cluster())
                        .service(service))).service().status();
            }
            case STOP_TASK -> {
                String task = change.subject().substring(change.subject().indexOf('/') + 1);
                yield call("StopTask", () -> aws.ecs().stopTask(r -> r.cluster(change.cluster()).task(task)
                        .reason("stowage deploy --prune: no longer in the design"))).task().desiredStatus();
            }
        };
    }

    /**
     * The console's default role: created with its trust policy when missing, given its managed policy (attaching
     * again is a no-op), and for the instance role put in an instance profile of the same name. Each step looks
     * first, so an apply that stopped half-way finishes the rest.
     */
    private String createRole(JsonObject request) {
        String name = jsonText(request, "roleName");
        String policy = jsonText(request, "policyArn");
        String found;
        try {
            found = call("GetRole", () -> aws.iam().getRole(r -> r.roleName(name))).role().arn();
        } catch (EcsRequestException e) {
            if (!"NoSuchEntity".equals(e.errorCode())) {
                throw e;
            }
            found = call("CreateRole", () -> aws.iam().createRole(r -> r.roleName(name)
                    .assumeRolePolicyDocument(ConsoleDefaults.trustPolicy(jsonText(request, "trustedService")))
                    .description("Created by Stowage's deploy, as the ECS console does"))).role().arn();
        }
        String arn = found;
        String policyNote = "";
        try {
            call("AttachRolePolicy", () -> aws.iam().attachRolePolicy(r -> r.roleName(name).policyArn(policy)));
        } catch (EcsRequestException e) {
            if (!"NoSuchEntity".equals(e.errorCode())) {
                throw e;
            }
            // Only an IAM without AWS's managed policies (an emulator) answers so: the same permissions, inline.
            String policyName = policy.substring(policy.lastIndexOf('/') + 1);
            call("PutRolePolicy", () -> aws.iam().putRolePolicy(r -> r.roleName(name).policyName(policyName)
                    .policyDocument(ConsoleDefaults.managedPolicyDocument(policy))));
            policyNote = "; IAM has no managed policy " + policyName + ", so its permissions were put inline";
        }
        if (request.get("instanceProfile") == io.stowage.model.json.JsonBool.TRUE) {
            software.amazon.awssdk.services.iam.model.InstanceProfile profile;
            try {
                profile = call("GetInstanceProfile", () -> aws.iam().getInstanceProfile(r -> r.instanceProfileName(name)))
                        .instanceProfile();
            } catch (EcsRequestException e) {
                if (!"NoSuchEntity".equals(e.errorCode())) {
                    throw e;
                }
                profile = call("CreateInstanceProfile", () -> aws.iam().createInstanceProfile(r -> r
                        .instanceProfileName(name))).instanceProfile();
            }
            if (profile.roles().stream().noneMatch(r -> r.roleName().equals(name))) {
                call("AddRoleToInstanceProfile", () -> aws.iam().addRoleToInstanceProfile(r -> r
                        .instanceProfileName(name).roleName(name)));
            }
            return arn + " (instance profile " + profile.arn() + policyNote + ")";
        }
        return arn + policyNote;
    }

    private static String jsonText(JsonObject object, String key) {
        return object.get(key) instanceof JsonString s ? s.value() : null;
    }

    private String createLogGroup(String name) {
        try {
            call("CreateLogGroup", () -> aws.logs().createLogGroup(r -> r.logGroupName(name)));
        } catch (EcsRequestException e) {
            if (!"ResourceAlreadyExistsException".equals(e.errorCode())) {
                throw e;
            }
        }
        return name;
    }

    /** RegisterTaskDefinition has no client token: a lost answer is looked for by content before registering again. */
    private String register(PlannedChange change) {
        RegisterTaskDefinitionRequest request = SdkJson.fromModel(change.request(),
                RegisterTaskDefinitionRequest.serializableBuilderClass(), "RegisterTaskDefinition input");
        var made = new ReadBeforeRetry<TaskDefinition>(aws.settings(), "RegisterTaskDefinition").call(
                () -> aws.ecsOnce().registerTaskDefinition(request).taskDefinition(),
                () -> lost.registered(change.request()));
        TaskDefinition td = made.value();
        registered.put(td.family(), td.taskDefinitionArn());
        return td.taskDefinitionArn() + (made.found() ? " (the answer was lost; found registered with this content)" : "");
    }

    /**
     * The change with a bare family in its request replaced by the ARN this apply registered for it: an ARN
     * names exactly that revision, whoever registers another meanwhile (and moto stores a bare family as given).
     */
    private PlannedChange withRegisteredRevision(PlannedChange change) {
        JsonObject request = change.request();
        if (request == null || !(request.get("taskDefinition") instanceof JsonString family)
                || !registered.containsKey(family.value())) {
            return change;
        }
        return new PlannedChange(change.kind(), change.action(), change.cluster(), change.subject(), change.summary(),
                change.details(), request.with("taskDefinition", new JsonString(registered.get(family.value()))),
                change.launch());
    }

    /**
     * Creates the service, then compares what ECS answered with the design: a setting an endpoint did not keep
     * on create (moto, for one, drops placement and deployment settings there) is set with UpdateService, so the
     * service ends as designed and the next plan finds nothing to do.
     */
    private String createService(PlannedChange change) {
        JsonObject designed = change.request();
        CreateServiceRequest request = SdkJson.fromModel(designed, CreateServiceRequest.serializableBuilderClass(),
                "CreateService input").toBuilder().clientToken(UUID.randomUUID().toString()).build();
        var made = new ReadBeforeRetry<Service>(aws.settings(), "CreateService").call(
                () -> aws.ecsOnce().createService(request).service(),
                () -> lost.service(request.cluster(), request.serviceName()));
        var created = made.value();
        String arn = created.serviceArn() + (made.found() ? " (the answer was lost; found created)" : "");
        JsonObject answered = SdkJson.toModel(created);
        List<SettingChange> missed = ServiceSettings.differences(designed, answered, created.taskDefinition())
                .stream().filter(SettingChange::updatable).toList();
        if (missed.isEmpty()) {
            return arn;
        }
        JsonObject update = ServiceSettings.updateRequest(created.clusterArn(), created.serviceName(), designed, missed);
        call("UpdateService", () -> aws.ecs().updateService(SdkJson.fromModel(update,
                UpdateServiceRequest.serializableBuilderClass(), "UpdateService input")));
        return arn + "; ECS did not keep " + String.join(", ", missed.stream()
                .map(SettingChange::name).toList()) + " on create, so UpdateService set "
                + (missed.size() == 1 ? "it" : "them");
    }

    private String launch(Ec2Launch launch) {
        String image = launch.imageId() != null ? launch.imageId() : images.computeIfAbsent(launch.amiParameter(),
                parameter -> call("GetParameter", () -> aws.ssm().getParameter(r -> r.name(parameter)))
                        .parameter().value());
        List<Tag> tags = new ArrayList<>();
        launch.tags().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        String profile = launch.instanceProfile();
        IamInstanceProfileSpecification profileSpec = profile.startsWith("arn:")
                ? IamInstanceProfileSpecification.builder().arn(profile).build()
                : IamInstanceProfileSpecification.builder().name(profile).build();
        RunInstancesRequest.Builder request = RunInstancesRequest.builder()
                .imageId(image).instanceType(launch.instanceType()).minCount(1).maxCount(1)
                .subnetId(launch.subnetId()).iamInstanceProfile(profileSpec)
                .userData(Base64.getEncoder().encodeToString(launch.userData().getBytes(StandardCharsets.UTF_8)))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tags).build());
        if (!launch.securityGroups().isEmpty()) {
            request.securityGroupIds(launch.securityGroups());
        }
        if (launch.keyName() != null) {
            request.keyName(launch.keyName());
        }
        String token = UUID.randomUUID().toString();
        request.clientToken(token);
        Set<String> before = call("DescribeInstances", () -> lost.launchedIds(launch));
        var made = new ReadBeforeRetry<Instance>(aws.settings(), "RunInstances").call(
                () -> aws.ec2Once().runInstances(request.build()).instances().get(0),
                () -> lost.launched(launch, token, before));
        return made.value().instanceId() + " from " + image
                + (made.found() ? " (the answer was lost; found launched)" : "");
    }

    private String attach(Ec2Launch attach) {
        var command = call("SendCommand", () -> aws.ssm().sendCommand(r -> r.documentName("AWS-RunShellScript")
                .instanceIds(attach.ec2InstanceId()).comment("Stowage: join ECS cluster " + attach.cluster())
                .parameters(Map.of("commands", attach.attachCommands())))).command();
        return "SSM command " + command.commandId();
    }

    private String runTask(PlannedChange change, ApplyListener listener, Cancellation cancellation) {
        RunTaskSpec spec = new RunTaskSpec(change.request());
        if (LaunchTypes.EC2.equals(LaunchTypes.effective(spec.launchType(), spec.capacityProviderStrategy()))) {
            awaitRegisteredInstance(change, listener, cancellation);
        }
        RunTaskRequest request = SdkJson.fromModel(change.request(), RunTaskRequest.serializableBuilderClass(),
                "RunTask input").toBuilder().clientToken(UUID.randomUUID().toString()).build();
        // RunTask takes a client token, but an endpoint may ignore it (moto does): the tasks there were before
        // the call tell the ones a call whose answer was lost started.
        Set<String> before = call("ListTasks", () -> lost.taskArns(request.cluster(), request.taskDefinition(),
                request.startedBy()));
        var made = new ReadBeforeRetry<RunTaskResponse>(aws.settings(), "RunTask").call(
                () -> aws.ecsOnce().runTask(request),
                () -> {
                    Set<String> fresh = new LinkedHashSet<>(lost.taskArns(request.cluster(), request.taskDefinition(),
                            request.startedBy()));
                    fresh.removeAll(before);
                    return fresh.isEmpty() ? Optional.empty() : Optional.of(RunTaskResponse.builder()
                            .tasks(lost.tasks(request.cluster(), fresh)).build());
                });
        RunTaskResponse response = made.value();
        List<String> started = response.tasks().stream().map(t -> shortId(t.taskArn())).toList();
        int asked = spec.count() == null ? 1 : spec.count();
        if (!response.failures().isEmpty()) {
            throw new ApplyStoppedException("RunTask started " + started.size() + " of " + asked
                    + " task(s); ECS could not place the rest: " + String.join("; ", response.failures().stream()
                    .map(ChangeApplier::failure).toList()));
        }
        if (made.found() && started.size() < asked) {
            throw new ApplyStoppedException("RunTask's answer was lost; " + started.size() + " of " + asked
                    + " task(s) were found started (" + String.join(", ", started) + "); apply again to start the rest");
        }
        return "started " + String.join(", ", started) + (made.found()
                ? " (the answer was lost; these are the tasks it started, read back)" : "");
    }

    private static String shortId(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static String failure(Failure f) {
        return f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")") + (f.arn() == null ? "" : " at " + f.arn());
    }

    /** RunTask on EC2 places nothing until an agent has registered; instances this apply launched need minutes. */
    private void awaitRegisteredInstance(PlannedChange change, ApplyListener listener, Cancellation cancellation) {
        Instant deadline = Instant.now().plus(options.registrationTimeout());
        boolean told = false;
        while (true) {
            var arns = call("ListContainerInstances", () -> aws.ecs().listContainerInstances(r -> r
                    .cluster(change.cluster()).status(ContainerInstanceStatus.ACTIVE))).containerInstanceArns();
            if (!arns.isEmpty()) {
                return;
            }
            if (cancellation.isCancelled()) {
                throw new ApplyStoppedException("cancelled while waiting for a container instance to register with "
                        + "cluster " + change.cluster());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ApplyStoppedException("no container instance registered with cluster " + change.cluster()
                        + " within " + options.registrationTimeout().toMinutes() + " min; check that the instances"
                        + " run, that their instance profile allows ecs:RegisterContainerInstance, that their subnet"
                        + " reaches ECS, and /var/log/ecs/ecs-agent.log on them");
            }
            if (!told) {
                listener.progress(change, "waiting for a container instance to register with cluster "
                        + change.cluster() + " (up to " + options.registrationTimeout().toMinutes() + " min)");
                told = true;
            }
            try {
                Thread.sleep(options.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApplyStoppedException("interrupted while waiting for a container instance to register");
            }
        }
    }

    private <T> T call(String operation, Supplier<T> request) {
        return AwsErrors.call(aws.settings(), operation, request);
    }
}
