package io.stowage.engine.ecs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrustPolicyTest {

    @Test
    void aTaskRolesPolicyAdmitsOnlyTheEcsService() {
        TrustPolicy p = TrustPolicy.parse("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}""").orElseThrow();
        assertThat(p.onlyEcs()).isTrue();
        assertThat(p.admits()).isEqualTo("Its trust policy admits only the ECS service (ecs-tasks.amazonaws.com), "
                + "which assumes it on ECS.");
    }

    @Test
    void otherPrincipalsAreNamedAndDenyOrOtherActionsAreNot() {
        TrustPolicy p = TrustPolicy.parse("""
                {"Statement": [
                  {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:role/ci"],
                   "Service": ["ecs-tasks.amazonaws.com"]}, "Action": ["sts:AssumeRole", "sts:TagSession"]},
                  {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:user/mallory"}, "Action": "sts:*"},
                  {"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                   "Action": "sts:AssumeRoleWithWebIdentity"}]}""").orElseThrow();
        assertThat(p.onlyEcs()).isFalse();
        assertThat(p.aws()).containsExactly("arn:aws:iam::111122223333:role/ci");
        assertThat(p.admits()).isEqualTo("Its trust policy admits arn:aws:iam::111122223333:role/ci, "
                + "ecs-tasks.amazonaws.com.");
    }

    @Test
    void notAPolicyIsNothingToSay() {
        assertThat(TrustPolicy.parse("not json")).isEmpty();
        assertThat(TrustPolicy.parse("[]")).isEmpty();
    }
}
