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
 * @param roles                the IAM roles the deploy may create (the console's defaults), and whether each exists
 * @param logGroups            the CloudWatch log groups the design's awslogs containers name in the deploy's
 *                             region, and whether each exists
 */
public record Ec2Facts(Map<String, String> defaultSubnets, Map<String, Boolean> instanceProfiles,
                       String defaultVpc, String defaultSecurityGroup, Map<String, Boolean> roles,
                       Map<String, Boolean> logGroups) {
    public static final Ec2Facts NONE = new Ec2Facts(Map.of(), Map.of());

    public Ec2Facts {
        defaultSubnets = Collections.unmodifiableMap(new LinkedHashMap<>(defaultSubnets));
        instanceProfiles = Collections.unmodifiableMap(new LinkedHashMap<>(instanceProfiles));
        roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
        logGroups = Collections.unmodifiableMap(new LinkedHashMap<>(logGroups));
    }

    public Ec2Facts(Map<String, String> defaultSubnets, Map<String, Boolean> instanceProfiles) {
        this(defaultSubnets, instanceProfiles, null, null);
    }

    public Ec2Facts(Map<String, String> defaultSubnets, Map<String, Boolean> instanceProfiles, String defaultVpc,
                    String defaultSecurityGroup) {
        this(defaultSubnets, instanceProfiles, defaultVpc, defaultSecurityGroup, Map.of(), Map.of());
    }

    public Ec2Facts withRolesAndLogGroups(Map<String, Boolean> roleFacts, Map<String, Boolean> groupFacts) {
        return new Ec2Facts(defaultSubnets, instanceProfiles, defaultVpc, defaultSecurityGroup, roleFacts, groupFacts);
    }

    /** These facts with the instance profile taken as existing: the deploy creates it before launching. */
    Ec2Facts withProfile(String name) {
        Map<String, Boolean> profiles = new LinkedHashMap<>(instanceProfiles);
        profiles.put(name, true);
        return new Ec2Facts(defaultSubnets, profiles, defaultVpc, defaultSecurityGroup, roles, logGroups);
    }

    /** Whether the role is known not to exist (unknown ones are not). */
    public boolean lacksRole(String name) {
        return Boolean.FALSE.equals(roles.get(name));
    }

    /** Whether the profile is known not to exist (unknown ones are not). */
    public boolean lacksProfile(String name) {
        return Boolean.FALSE.equals(instanceProfiles.get(name));
    }

    public Set<String> zones() {
        return defaultSubnets.keySet();
    }
}
