package io.stowage.model.deploy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What ECS (and EC2) hold of the things a design names, read just before planning. Only what the design refers to
 * is read: its clusters, its task-definition families, its instances.
 *
 * @param clusters  the design's clusters that exist, by cluster name (INACTIVE ones count as absent)
 * @param revisions the ACTIVE revisions of the design's families, by family, latest first
 * @param ec2       facts about EC2 that launching instances needs
 */
public record ObservedState(Map<String, ObservedCluster> clusters, Map<String, List<ObservedRevision>> revisions,
                            Ec2Facts ec2) {
    public ObservedState {
        clusters = Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
        revisions = Collections.unmodifiableMap(new LinkedHashMap<>(revisions));
        ec2 = ec2 == null ? Ec2Facts.NONE : ec2;
    }

    public static final ObservedState EMPTY = new ObservedState(Map.of(), Map.of(), Ec2Facts.NONE);

    /** The cluster of that name when it exists and is not INACTIVE. */
    public Optional<ObservedCluster> cluster(String name) {
        ObservedCluster cluster = clusters.get(name);
        return cluster == null || "INACTIVE".equals(cluster.status()) ? Optional.empty() : Optional.of(cluster);
    }

    /** The latest ACTIVE revision of the family, if any. */
    public Optional<ObservedRevision> latest(String family) {
        List<ObservedRevision> known = revisions.getOrDefault(family, List.of());
        return known.isEmpty() ? Optional.empty() : Optional.of(known.get(0));
    }
}
