package io.stowage.model.rules;

import io.stowage.model.json.JsonPath;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Image references follow Docker's reference grammar, {@code [registry[:port]/]path[:tag][@digest]}: lower-case
 * path components, a tag of up to 128 word characters, periods and hyphens not starting with a period or hyphen,
 * a repository name of up to 255 characters, and (ECS) only sha256 digests of 64 hex digits. Images with
 * placeholders are left to the placeholder warning.
 * Sources: distribution/reference grammar (github.com/distribution/reference, regexp.go and normalize.go, which
 * Docker uses to parse image names: "invalid reference format", "repository name must be lowercase");
 * ECS API reference, ContainerDefinition.image ("up to 255 characters ... The only supported hash function is
 * sha256, and the hash value after sha256: must be exactly 64 characters").
 */
final class ImageReferenceRule implements Rule {
    static final String ID = "image-reference";
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN = Pattern.compile("(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT
            + ")*|\\[[a-fA-F0-9:]+])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-fA-F]{64}");
    private static final int NAME_MAX = 255;

    @Override
    public void check(RuleContext task, Findings out) {
        for (RuleContext.Container container : task.containers()) {
            String image = Values.concrete(container.json(), "image");
            if (image == null || image.isBlank()) {
                continue;
            }
            String problem = problem(image);
            if (problem != null) {
                JsonPath path = container.at("image");
                Values.malformed(out, path, image, "Image " + Values.quote(image) + " is not a valid image reference: "
                        + problem + " Expected [registry[:port]/]repository[:tag][@sha256:digest], e.g."
                        + " \"public.ecr.aws/nginx/nginx:1.27\".", ID);
            }
        }
    }

    /** What is wrong with the reference, as a sentence, or null when it is valid. */
    static String problem(String image) {
        if (!image.equals(image.strip()) || image.chars().anyMatch(Character::isWhitespace)) {
            return "it contains spaces.";
        }
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                return "the digest " + Values.quote(digest) + " is not algorithm:hex.";
            }
            if (!SHA256.matcher(digest).matches()) {
                return "ECS accepts only sha256 digests: sha256: followed by 64 hex digits.";
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                return "the tag " + Values.quote(tag) + " must be 1 to 128 letters, digits, underscores, periods and"
                        + " hyphens, not starting with a period or hyphen.";
            }
        }
        if (rest.isEmpty()) {
            return "the repository name is missing.";
        }
        if (rest.length() > NAME_MAX) {
            return "the repository name has " + rest.length() + " characters; at most " + NAME_MAX + " are allowed.";
        }
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            boolean domain = first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.toLowerCase(Locale.ROOT).equals(first);
            if (domain) {
                if (!DOMAIN.matcher(first).matches()) {
                    return "the registry " + Values.quote(first) + " is not a host name with an optional :port.";
                }
                path = rest.substring(slash + 1);
            }
        }
        for (String component : path.split("/", -1)) {
            if (PATH_COMPONENT.matcher(component).matches()) {
                continue;
            }
            if (PATH_COMPONENT.matcher(component.toLowerCase(Locale.ROOT)).matches()) {
                return "repository names must be lowercase (" + Values.quote(image.replace(path,
                        path.toLowerCase(Locale.ROOT))) + ").";
            }
            return component.isEmpty() ? "it has an empty path component (\"//\" or a trailing \"/\")."
                    : "the path component " + Values.quote(component) + " may contain only lowercase letters, digits"
                    + " and single separators (., _, __ or -), starting and ending with a letter or digit.";
        }
        return null;
    }
}
