package io.stowage.testsupport;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * An account on a {@link PrivateMoto} set up as a user's would be: an IAM user with keys and a policy, roles with
 * trust and permission policies, secrets. Made before the server requires authentication.
 */
public final class MotoIam {
    private final PrivateMoto moto;

    /** A user's keys, and the ARN STS names them by. */
    public record Keys(String accessKeyId, String secretAccessKey, String userArn) {
        @Override
        public String toString() {
            return "Keys[" + accessKeyId + ", " + userArn + "]";
        }
    }

    public MotoIam(PrivateMoto moto) {
        this.moto = moto;
    }

    private IamClient iam() {
        return IamClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.AWS_GLOBAL)
                .endpointOverride(moto.endpoint()).credentialsProvider(moto.setupCredentials()).build();
    }

    /** A user allowed {@code actions} (IAM action names, on every resource), with an access key. */
    public Keys user(String name, String... actions) {
        try (IamClient iam = iam()) {
            String arn = iam.createUser(r -> r.userName(name)).user().arn();
            iam.putUserPolicy(r -> r.userName(name).policyName(name + "-policy").policyDocument(allow(actions)));
            var key = iam.createAccessKey(r -> r.userName(name)).accessKey();
            return new Keys(key.accessKeyId(), key.secretAccessKey(), arn);
        }
    }

    /** A role whose trust policy admits {@code trustedPrincipal} ({@code {"AWS": ...}} or {@code {"Service": ...}}). */
    public String role(String name, String trustedPrincipal, String... actions) {
        String trust = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": %s,
                  "Action": "sts:AssumeRole"}]}""".formatted(trustedPrincipal);
        try (IamClient iam = iam()) {
            String arn = iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust)).role().arn();
            if (actions.length > 0) {
                iam.putRolePolicy(r -> r.roleName(name).policyName(name + "-policy").policyDocument(allow(actions)));
            }
            return arn;
        }
    }

    public static String aws(String arn) {
        return "{\"AWS\": \"" + arn + "\"}";
    }

    /**
     * A service principal. Moto 5.2 fails AssumeRole with HTTP 500 on a statement without an AWS principal (a
     * TypeError in its _check_principal), so an empty AWS list stands beside it: the same policy to IAM's rules.
     */
    public static String service(String service) {
        return "{\"Service\": \"" + service + "\", \"AWS\": []}";
    }

    /** A Secrets Manager secret; its ARN. */
    public String secret(String name, String value) {
        try (SecretsManagerClient sm = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.of(PrivateMoto.REGION))
                .endpointOverride(moto.endpoint()).credentialsProvider(moto.setupCredentials()).build()) {
            return sm.createSecret(r -> r.name(name).secretString(value)).arn();
        }
    }

    private static String allow(String... actions) {
        StringBuilder list = new StringBuilder();
        for (String a : actions) {
            list.append(list.length() == 0 ? "" : ", ").append('"').append(a).append('"');
        }
        return """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [%s], "Resource": "*"}]}"""
                .formatted(list);
    }
}
