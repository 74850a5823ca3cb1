package io.stowage.model.deploy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What launching instances and placing awsvpc tasks need to know of the account.
 *
 * @param defaultSubnets       the default subnet of each availability zone, zone to subnet id
 * @param instanceProfiles     the instance profiles the design names, and whether each exists
 * @param defaultVpc           the region's default VPC, or null when it has none (or it was not read)
 * @param defaultSecurityGroup the default VPC's security group named {@code default}, or null
 */
public record Ec2Facts(Map<String, String> defaultSubnets, Map<String, Boolean> instanceProfiles,
                       String defaultVpc, String defaultSecurityGroup) {
    public static final Ec2Facts NONE = new Ec2Facts(Map.of(), Map.of());

    public Ec2Facts {
        defaultSubnets = Collections.unmodifiableMap(new LinkedHashMap<>(defaultSubnets));
        instanceProfiles = Collections.unmodifiableMap(new LinkedHashMap<>(instanceProfiles));
    }

    public Ec2Facts(Map<String, String> defaultSubnets, Map<String, Boolean> instanceProfiles) {
        this(defaultSubnets, instanceProfiles, null, null);
    }

    /** Whether the profile is known not to exist (unknown ones are not). */
    public boolean lacksProfile(String name) {
        return Boolean.FALSE.equals(instanceProfiles.get(name));
    }

    public Set<String> zones() {
        return defaultSubnets.keySet();
    }
}
