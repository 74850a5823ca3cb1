package io.stowage.arch;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test tags of the README hold for every test class, so that {@code mvn test} stays fast and needs nothing
 * installed: a class that reaches the Docker engine, the ECS endpoint, another program, or the JavaFX toolkit, in
 * itself or through a helper of the test code, carries the tag that says so; tags are only the known ones; and a
 * class with tests is named so that Surefire and Failsafe find it.
 *
 * <p>It reads the names each compiled test class refers to straight from its class file (every type a class uses
 * is named in its constant pool), which takes well under a second, where a full ArchUnit import of the
 * classpath takes tens of seconds on a loaded machine.
 */
class TestTagsTest {
    /** Every tag a test class may carry; the pom excludes them from Surefire and gives them to Failsafe. */
    static final Set<String> KNOWN_TAGS = Set.of("docker", "ecs", "fx", "slow");

    /**
     * What makes a class need a tag: the tag, and the classes that mean it (a name ending in '.' is a package).
     * Written with dots, so that this class's own strings are not taken for uses of them.
     */
    private static final Map<String, List<String>> NEEDS = new LinkedHashMap<>();

    static {
        NEEDS.put("docker", List.of(
                "io.stowage.testsupport.DockerEngineExtension", "io.stowage.testsupport.PrivateDockerd",
                "io.stowage.testsupport.PrivateRegistry", "io.stowage.testsupport.BusyboxImage",
                "io.stowage.testsupport.TestImages", "io.stowage.testsupport.ExampleStandIns",
                "com.github.dockerjava.api.DockerClient"));
        NEEDS.put("ecs", List.of(
                "io.stowage.testsupport.EcsEndpointExtension", "io.stowage.testsupport.MotoServer"));
        NEEDS.put("fx", List.of(
                "org.testfx.", "javafx.application.Platform", "javafx.stage.", "javafx.scene.", "javafx.embed.",
                "com.sun.javafx.", "com.sun.glass.", "io.stowage.testsupport.FxWait", "io.stowage.testsupport.FxSettle",
                "io.stowage.testsupport.MonocleDnd", "io.stowage.testsupport.TestFxEvents"));
    }

    /** Classes of ours that need the toolkit once made: nodes, scenes, windows, applications. */
    private static final List<Class<?>> FX_TYPES = fxTypes();

    /** Running another program (a checker, a peer) is never a fast test: it needs some tag. */
    private static final List<String> NEEDS_ANY_TAG = List.of(
            "io.stowage.testsupport.ExternalTool", "java.lang.ProcessBuilder");

    /** A class in a descriptor or signature: {@code Lio/stowage/X;} or {@code Ljava/util/List<...>;}. */
    private static final Pattern DESCRIPTOR_NAME = Pattern.compile("L([A-Za-z_$][A-Za-z0-9_$/]*)[;<]");
    /** A class as a CONSTANT_Class names it: {@code io/stowage/X$Y}. */
    private static final Pattern INTERNAL_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(?:/[A-Za-z_$][A-Za-z0-9_$]*)+");

    private static Path testClassesDir;
    /** Binary names (a/b/C$D) of every class of the test code, to the names its class file refers to. */
    private static final Map<String, Set<String>> REFERENCES = new TreeMap<>();
    private static final Map<String, Class<?>> TEST_CLASSES = new TreeMap<>();

    @BeforeAll
    static void readTheTestCode() throws IOException, URISyntaxException {
        testClassesDir = Path.of(TestTagsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(testClassesDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = testClassesDir.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", "");
                REFERENCES.put(name, referencedNames(Files.readAllBytes(file)));
            }
        }
        for (String name : REFERENCES.keySet()) {
            if (!name.contains("$") && !name.endsWith("package-info")) {
                Class<?> type = load(name);
                if (!Modifier.isAbstract(type.getModifiers()) && hasTests(name)) {
                    TEST_CLASSES.put(name, type);
                }
            }
        }
    }

    @Test
    void theScanSeesTheTestCode() {
        assertThat(TEST_CLASSES.values()).extracting(Class::getSimpleName)
                .contains("ArchitectureTest", "LiveRunByHandTest", "EcsDeployTest", "TestTagsTest");
        assertThat(REFERENCES.get("io.stowage.app.LiveRunByHandTest".replace('.', '/')))
                .contains("io.stowage.testsupport.DockerEngineExtension".replace('.', '/'),
                        "org.testfx.framework.junit5.ApplicationExtension".replace('.', '/'));
    }

    @Test
    void everyClassThatNeedsAnEngineAToolOrTheToolkitIsTagged() {
        List<String> faults = new ArrayList<>();
        TEST_CLASSES.forEach((name, type) -> {
            Set<String> tags = tags(type);
            Map<String, String> reached = reachable(name);
            NEEDS.forEach((tag, markers) -> {
                if (!tags.contains(tag)) {
                    Predicate<String> marks = named(markers);
                    if (tag.equals("fx")) {
                        marks = marks.or(TestTagsTest::isOurFxType);
                    }
                    use(reached, marks).ifPresent(use -> faults.add(type.getSimpleName() + " uses " + use
                            + " but has no @Tag(\"" + tag + "\")"));
                }
            });
            if (tags.isEmpty()) {
                use(reached, named(NEEDS_ANY_TAG)).ifPresent(use -> faults.add(type.getSimpleName() + " uses " + use
                        + " (another program) but has no tag: tag it with what that program needs, or \"slow\""));
            }
        });
        assertThat(faults).as("test classes without the tag their needs call for (README, Test)").isEmpty();
    }

    @Test
    void tagsAreOnlyTheKnownOnes() {
        List<String> faults = new ArrayList<>();
        TEST_CLASSES.values().forEach(type -> tags(type).stream().filter(tag -> !KNOWN_TAGS.contains(tag))
                .forEach(tag -> faults.add(type.getSimpleName() + " has @Tag(\"" + tag + "\"), not one of "
                        + new TreeSet<>(KNOWN_TAGS))));
        assertThat(faults).as("a test with an unknown tag runs in neither mvn test nor Failsafe").isEmpty();
    }

    @Test
    void classesWithTestsAreNamedSoThatTheBuildRunsThem() {
        assertThat(TEST_CLASSES.values()).extracting(Class::getSimpleName)
                .as("Surefire and Failsafe run *Test classes; *Benchmark ones run only by name (README, Benchmarks)")
                .allMatch(name -> name.endsWith("Test") || name.endsWith("Benchmark"));
    }

    /**
     * Every class name a class file holds in its constant pool: the classes it names, and those in the descriptors
     * and signatures of its fields, methods and annotations (class literals of annotations included).
     */
    private static Set<String> referencedNames(byte[] classFile) {
        Set<String> names = new HashSet<>();
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(classFile);
        in.position(8);
        int count = Short.toUnsignedInt(in.getShort());
        for (int i = 1; i < count; i++) {
            int tag = Byte.toUnsignedInt(in.get());
            switch (tag) {
                case 1 -> {
                    byte[] utf8 = new byte[Short.toUnsignedInt(in.getShort())];
                    in.get(utf8);
                    addNames(new String(utf8, StandardCharsets.UTF_8), names);
                }
                case 7, 8, 16, 19, 20 -> in.position(in.position() + 2);
                case 15 -> in.position(in.position() + 3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.position(in.position() + 4);
                case 5, 6 -> {
                    in.position(in.position() + 8);
                    i++;
                }
                default -> throw new IllegalStateException("constant pool tag " + tag + " at entry " + i);
            }
        }
        return names;
    }

    private static void addNames(String utf8, Set<String> names) {
        Matcher descriptor = DESCRIPTOR_NAME.matcher(utf8);
        while (descriptor.find()) {
            names.add(descriptor.group(1));
        }
        if (INTERNAL_NAME.matcher(utf8).matches()) {
            names.add(utf8);
        }
    }

    /** The class, or one nested in it, has a JUnit test (a method or field marked testable, as @Test and @ArchTest are). */
    private static boolean hasTests(String topLevel) {
        return family(topLevel).stream().map(TestTagsTest::load).anyMatch(type -> {
            try {
                return Stream.concat(Arrays.stream(type.getDeclaredMethods()), Arrays.stream(type.getDeclaredFields()))
                        .anyMatch(TestTagsTest::testable);
            } catch (NoClassDefFoundError e) {
                return false;
            }
        });
    }

    private static boolean testable(AnnotatedElement element) {
        return Arrays.stream(element.getAnnotations()).map(Annotation::annotationType)
                .anyMatch(a -> a.isAnnotationPresent(Testable.class) || a == Testable.class);
    }

    /** The tags JUnit sees on the class: its own, inherited ones and repeated ones. */
    private static Set<String> tags(Class<?> type) {
        return Arrays.stream(type.getAnnotationsByType(Tag.class)).map(Tag::value)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The class and its nested classes, and its superclasses in the test code with theirs. */
    private static List<String> family(String topLevel) {
        List<String> family = new ArrayList<>();
        for (Class<?> type = load(topLevel); type != null; type = type.getSuperclass()) {
            String name = type.getName().replace('.', '/');
            if (!REFERENCES.containsKey(name)) {
                break;
            }
            REFERENCES.keySet().stream().filter(n -> n.equals(name) || n.startsWith(name + "$")).forEach(family::add);
        }
        return family;
    }

    /**
     * Every name the test reaches: directly, and through helpers of the test code (testsupport and the like), but
     * not through another test class, whose needs are its own. Each name maps to the class it was reached from.
     */
    private static Map<String, String> reachable(String test) {
        Map<String, String> reached = new TreeMap<>();
        Set<String> seen = new HashSet<>(family(test));
        ArrayDeque<String> queue = new ArrayDeque<>(seen);
        while (!queue.isEmpty()) {
            String from = queue.poll();
            for (String target : REFERENCES.get(from)) {
                reached.putIfAbsent(target, from);
                if (REFERENCES.containsKey(target) && !isAnotherTest(target, seen) && seen.add(target)) {
                    queue.add(target);
                }
            }
        }
        return reached;
    }

    private static boolean isAnotherTest(String name, Set<String> seen) {
        String topLevel = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
        return !seen.contains(name) && TEST_CLASSES.containsKey(topLevel);
    }

    /** A name that is one of the markers, nested in one, or in a package a marker ending in '.' names. */
    private static Predicate<String> named(List<String> dottedMarkers) {
        List<String> markers = dottedMarkers.stream().map(m -> m.replace('.', '/')).toList();
        return name -> markers.stream().anyMatch(m -> name.equals(m) || name.startsWith(m + "$")
                || m.endsWith("/") && name.startsWith(m));
    }

    private static boolean isOurFxType(String name) {
        if (!name.startsWith("io/stowage/") || REFERENCES.containsKey(name)) {
            return false;
        }
        try {
            Class<?> type = Class.forName(name.replace('/', '.'), false, TestTagsTest.class.getClassLoader());
            return FX_TYPES.stream().anyMatch(fx -> fx.isAssignableFrom(type));
        } catch (ClassNotFoundException | LinkageError notAClass) {
            return false;
        }
    }

    private static Optional<String> use(Map<String, String> reached, Predicate<String> marks) {
        return reached.entrySet().stream()
                .filter(e -> marks.test(e.getKey()))
                .map(e -> e.getKey().replace('/', '.') + " (in " + e.getValue().replaceAll(".*/", "") + ")")
                .findFirst();
    }

    private static Class<?> load(String binaryName) {
        try {
            return Class.forName(binaryName.replace('/', '.'), false, TestTagsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new UncheckedIOException(new IOException(binaryName + " is in the test classes but does not load", e));
        }
    }

    private static List<Class<?>> fxTypes() {
        return Stream.of("javafx.scene.Node", "javafx.scene.Scene", "javafx.stage.Window", "javafx.application.Application")
                .<Class<?>>map(name -> {
                    try {
                        return Class.forName(name, false, TestTagsTest.class.getClassLoader());
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException("JavaFX is on the test classpath", e);
                    }
                })
                .toList();
    }
}
