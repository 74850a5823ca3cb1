package io.stowage.engine.ecs;

import software.amazon.awssdk.services.ecs.model.Service;

import java.util.ArrayList;
import java.util.List;

/** Reads of a cluster that more than one part needs (the watcher, the importer), in ECS's page and batch sizes. */
final class ClusterReads {
    private ClusterReads() {
    }

    /** Every service of the cluster: ListServices by pages of 100, then DescribeServices by tens. */
    static List<Service> services(AwsClients aws, String cluster) {
        List<String> arns = new ArrayList<>();
        AwsErrors.run(aws.settings(), "ListServices", () -> aws.ecs()
                .listServicesPaginator(r -> r.cluster(cluster).maxResults(100)).serviceArns().forEach(arns::add));
        List<Service> out = new ArrayList<>();
        for (List<String> batch : Batches.of(arns, Batches.SERVICES)) {
            out.addAll(AwsErrors.call(aws.settings(), "DescribeServices", () -> aws.ecs()
                    .describeServices(r -> r.cluster(cluster).services(batch))).services());
        }
        return out;
    }
}
