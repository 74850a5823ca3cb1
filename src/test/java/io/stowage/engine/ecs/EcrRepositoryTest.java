package io.stowage.engine.ecs;

import io.stowage.testsupport.EcsEndpointExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A push to ECR first creates the repository when it is missing (ECR does not create one on push), once. */
@Tag("ecs")
class EcrRepositoryTest {
    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();

    @Test
    void aMissingRepositoryIsCreatedOnceAndAnExistingOneLeftAlone() {
        ECS.reset();
        EcrLogin login = new EcrLogin(ECS.settings());
        String registry = "123456789012.dkr.ecr." + ECS.region() + ".amazonaws.com";

        String created = login.ensureRepository(registry, "shop/web");
        String again = login.ensureRepository(registry, "shop/web");

        assertThat(created).startsWith("created ECR repository shop/web (").contains(registry + "/shop/web");
        assertThat(again).isNull();
        assertThat(login.ensureRepository("127.0.0.1:5000", "shop/web")).isNull();
        try (EcrClient ecr = EcrClient.builder().region(Region.of(ECS.region())).endpointOverride(ECS.endpoint())
                .credentialsProvider(ECS.credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            assertThat(ecr.describeRepositories().repositories()).extracting(r -> r.repositoryName())
                    .containsExactly("shop/web");
        }
    }
}
