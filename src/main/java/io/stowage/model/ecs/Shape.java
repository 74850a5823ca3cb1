package io.stowage.model.ecs;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One shape of the ECS API model (botocore's service-2.json): a structure with members, a list, a map or a
 * scalar with its enum, range and pattern.
 */
public record Shape(
        String name,
        ShapeKind kind,
        List<Member> members,
        Set<String> required,
        String itemShape,
        String keyShape,
        String valueShape,
        List<String> enumValues,
        Long min,
        Long max,
        String pattern) {

    public List<String> memberNames() {
        return members.stream().map(Member::name).toList();
    }

    public Optional<Member> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public boolean isScalar() {
        return kind != ShapeKind.STRUCTURE && kind != ShapeKind.LIST && kind != ShapeKind.MAP;
    }
}
