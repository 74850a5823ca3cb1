package io.stowage.model.placement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cluster query language, operator by operator, with the examples of the Amazon ECS Developer Guide,
 * "Create expressions to define container instances for Amazon ECS tasks"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html) and
 * "Define which container instances Amazon ECS uses for tasks"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html).
 */
class ClusterQueryTest {
    record Ctx(Map<String, String> attributes, boolean agentConnected, String agentVersion, String ec2InstanceId,
               String registeredAt, int runningTasksCount, Set<String> taskGroups) implements QueryContext {
        public boolean hasAttribute(String name) {
            return attributes.containsKey(name);
        }

        public String attribute(String name) {
            return attributes.get(name);
        }
    }

    /** A t2.small in us-east-1a running one task of group database, with agent 1.14.4. */
    static final Ctx INSTANCE = new Ctx(Map.of("ecs.instance-type", "t2.small", "ecs.availability-zone", "us-east-1a",
            "ecs.os-type", "linux", "stack", "prod", "rank", "10"), true, "1.14.4", "i-a",
            "2018-06-18T22:28:28Z", 1, Set.of("database"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            # ---- examples of the guide
            attribute:ecs.instance-type =~ t2.* => true
            attribute:ecs.availability-zone in [us-east-1a, us-east-1b] => true
            not(task:group == database) => false
            runningTasksCount == 1 => true
            agentVersion < 1.14.5 => true
            attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d => false
            ec2InstanceId in ['i-a', 'i-b'] => true
            (attribute:ecs.instance-type == t2.small or attribute:ecs.instance-type == t2.medium) and not (task:group == database) => false
            task:group == service:production => false
            attribute:ecs.os-type == linux => true
            # ---- each operator, symbol and long name
            attribute:ecs.instance-type == t2.small => true
            attribute:ecs.instance-type equals t2.small => true
            attribute:ecs.instance-type EQUALS t2.micro => false
            attribute:ecs.instance-type != t2.small => false
            attribute:ecs.instance-type not_equals t2.micro => true
            attribute:rank > 9 => true
            attribute:rank greater_than 10 => false
            attribute:rank >= 10 => true
            attribute:rank greater_than_equal 11 => false
            attribute:rank < 11 => true
            attribute:rank less_than 10 => false
            attribute:rank <= 10 => true
            attribute:rank less_than_equal 9 => false
            attribute:stack exists => true
            attribute:color exists => false
            attribute:color !exists => true
            attribute:stack not_exists => false
            attribute:ecs.availability-zone !in [us-east-1a, us-east-1b] => false
            attribute:ecs.availability-zone not_in [us-east-1c] => true
            attribute:ecs.instance-type matches t2.* => true
            attribute:ecs.instance-type =~ t2 => false
            attribute:ecs.instance-type !~ t2.* => false
            attribute:ecs.instance-type not_matches (m4|c5).* => true
            attribute:color != blue => true
            attribute:color == blue => false
            # ---- each subject
            agentConnected == true => true
            agentConnected equals false => false
            agentVersion >= 1.14.10 => false
            agentVersion < 1.14.10 => true
            agentVersion == 1.14.4 => true
            ec2InstanceId == i-a => true
            ec2InstanceId != i-a => false
            registeredAt < 2018-06-19 => true
            registeredAt >= 2018-06-18T22:28:28+00:00 => true
            registeredAt > 2018-06-18T22:28:28 => false
            registeredAt <= 2018-06-18T22:28:28Z => true
            runningTasksCount > 0 => true
            runningTasksCount in [0, 2] => false
            task:group == database => true
            task:group != database => false
            task:group in [web, database] => true
            task:group =~ data.* => true
            task:group exists => true
            # ---- compounds
            attribute:ecs.instance-type =~ t2.* && attribute:ecs.availability-zone == us-east-1b => false
            attribute:ecs.availability-zone == us-east-1b || runningTasksCount == 1 => true
            attribute:ecs.availability-zone == us-east-1b or runningTasksCount == 1 => true
            !(runningTasksCount == 1) => false
            ! runningTasksCount == 2 => true
            not (attribute:stack == prod) or (attribute:rank == 10 and agentConnected == true) => true
            attribute:stack == prod and attribute:rank == 10 or attribute:rank == 99 => true
            attribute:rank == 99 or attribute:stack == prod and attribute:rank == 10 => true
            attribute:rank==10&&runningTasksCount==1 => true
            """)
    void evaluates(String expression, boolean expected) {
        assertThat(ClusterQuery.parse(expression).test(INSTANCE)).as(expression).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> position {1}")
    @CsvSource(delimiter = '|', textBlock = """
            attribute:ecs.instance-type ==        | 30 | expected a value
            foo == bar                            | 0  | unknown subject "foo"
            attribute: == x                       | 10 | expected an attribute name
            attribute:a ?? b                      | 12 | expected an operator
            attribute:a =~ [                      | 15 | is not a regular expression
            runningTasksCount == many             | 18 | whole number
            agentVersion < latest                 | 13 | version such as 1.14.5
            registeredAt > yesterday              | 13 | date
            (attribute:a == b                     | 17 | expected ")"
            attribute:a in [x, y                  | 20 | expected "]"
            attribute:a in x                      | 15 | expected "["
            attribute:a == b c                    | 17 | unexpected "c"
            attribute:a == b and                  | 20 | expected an expression
            task:group > 3                        | 11 | task:group takes
            """)
    void reportsParseErrorsWithPosition(String expression, int position, String detail) {
        assertThatThrownBy(() -> ClusterQuery.parse(expression))
                .isInstanceOfSatisfying(ClusterQueryException.class, e -> {
                    assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
                    assertThat(e.detail()).contains(detail);
                });
    }

    @Test
    void comparesVersionsNumerically() {
        assertThat(ClusterQuery.compareVersions("1.14.5", "1.14.10")).isNegative();
        assertThat(ClusterQuery.compareVersions("1.2", "1.2.0")).isZero();
        assertThat(ClusterQuery.compareVersions("v2.0.0", "1.99.99")).isPositive();
    }

    @Test
    void knowsWhetherItDependsOnTasks() {
        assertThat(ClusterQuery.parse("attribute:a == b").dependsOnTasks()).isFalse();
        assertThat(ClusterQuery.parse("attribute:a == b or not(task:group == x)").dependsOnTasks()).isTrue();
        assertThat(ClusterQuery.parse("runningTasksCount == 0").dependsOnTasks()).isTrue();
    }

    @Test
    void missingAgentVersionFailsComparisons() {
        Ctx noVersion = new Ctx(Map.of(), true, null, "i-x", null, 0, Set.of());
        assertThat(ClusterQuery.parse("agentVersion < 1.14.5").test(noVersion)).isFalse();
        assertThat(ClusterQuery.parse("agentVersion !exists").test(noVersion)).isTrue();
        assertThat(ClusterQuery.parse("task:group != database").test(noVersion)).isTrue();
    }
}
