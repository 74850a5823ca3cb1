package io.stowage.model.deploy;

import io.stowage.model.design.Design;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.rules.Finding;
import io.stowage.model.rules.design.DesignValidator;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The task execution role a deploy fills in, as the ECS console does: a task definition that needs one (the
 * validation rule {@value #RULE}: secrets, log secretOptions, private registry credentials, environment files,
 * on Fargate and external instances an ECR image or awslogs; on EC2 awslogs too, which the console gives the role
 * for rather than lean on the instance role) and names none is registered with {@code ecsTaskExecutionRole} of
 * the account, which the deploy creates when it is missing. A role the design names is never replaced.
 */
public final class ExecutionRoles {
    /** The validation rule whose findings say a task definition needs the role. */
    static final String RULE = "execution-role-required";
    private static final Pattern AT = Pattern.compile("taskDefinitions\\[(\\d+)]\\.containerDefinitions\\[\\d+]\\.(.+)");
    private static final Pattern CALLER = Pattern.compile("arn:(aws[a-z-]*):[a-z]+::(\\d{12}):.*");

    private ExecutionRoles() {
    }

    /**
     * The families that need an execution role and name none, in the design's order, each with what needs it in
     * a few words ({@code awslogs on Fargate, secrets}).
     */
    public static Map<String, String> needed(Design design) {
        List<TaskDefinition> tds = design.taskDefinitionList();
        Map<String, Set<String>> why = new LinkedHashMap<>();
        for (Finding finding : DesignValidator.validate(design)) {
            if (!RULE.equals(finding.ruleId())) {
                continue;
            }
            Matcher m = AT.matcher(finding.path());
            if (!m.matches()) {
                continue;
            }
            int index = Integer.parseInt(m.group(1));
            if (index >= tds.size() || tds.get(index).family() == null) {
                continue;
            }
            why.computeIfAbsent(tds.get(index).family(), f -> new LinkedHashSet<>())
                    .add(reason(m.group(2), finding.message()));
        }
        Map<String, String> out = new LinkedHashMap<>();
        why.forEach((family, reasons) -> out.put(family, String.join(", ", reasons)));
        return out;
    }

    private static String reason(String member, String message) {
        String where = message.contains("on Fargate") ? " on Fargate"
                : message.contains("on external instances") ? " on external instances" : "";
        return switch (member) {
            case "secrets" -> "secrets";
            case "logConfiguration.secretOptions" -> "log secretOptions";
            case "repositoryCredentials" -> "private registry credentials";
            case "environmentFiles" -> "environment files";
            case "image" -> "an ECR image" + where;
            case "logConfiguration.logDriver" -> "awslogs" + where;
            default -> member;
        };
    }

    /**
     * The ARN of {@code ecsTaskExecutionRole} in the account of the caller's ARN (GetCallerIdentity's
     * {@code Arn}, e.g. {@code arn:aws:iam::123456789012:user/me} or an assumed role's {@code arn:aws:sts::...}).
     *
     * @throws IllegalArgumentException when the ARN names no account
     */
    public static String defaultRoleArn(String callerArn) {
        Matcher m = CALLER.matcher(callerArn == null ? "" : callerArn);
        if (!m.matches()) {
            throw new IllegalArgumentException("the caller's identity " + callerArn + " names no account");
        }
        return "arn:" + m.group(1) + ":iam::" + m.group(2) + ":role/" + ConsoleDefaults.EXECUTION_ROLE;
    }

    /** The design with each of the families' task definitions given the role. */
    public static Design fill(Design design, Set<String> families, String roleArn) {
        Design out = design;
        for (String family : families) {
            TaskDefinition td = out.taskDefinition(family).orElse(null);
            if (td != null && (td.executionRoleArn() == null || td.executionRoleArn().isBlank())) {
                out = out.withTaskDefinition(td.withExecutionRoleArn(roleArn));
            }
        }
        return out;
    }
}
