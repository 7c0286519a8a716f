package io.portal.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.portal.binding.BindingProperties;
import io.portal.testsupport.MissingPart;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.PortalProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/Dockerfile without Docker (there is no Docker engine on the development machine):
 * the test reads the Dockerfile and does what its lines do, on this machine, with the
 * packaged jar: the extract stage's RUN, each COPY of a layer into one directory, the AOT
 * cache training RUN, then the ENTRYPOINT's command line with the ENV variables, and the
 * HEALTHCHECK's command, which must fail while nothing listens and succeed once the portal
 * has started. Paths of the image (/build, /opt/portal, /data, /tmp/aot-training) become
 * directories of the test, and the ports become free ones; nothing else is changed.
 * <p>
 * Java 25 (the image's eclipse-temurin:25-jre) runs it: the Temurin 25 JDK at
 * /usr/lib/jvm/temurin-25-jdk-amd64 when present, else the JVM running the tests if it is
 * 25 or later. The portal is started with -XX:AOTMode=on added through JAVA_OPTS, so that
 * it refuses to start unless the cache made by the training run can be used.
 */
class DockerLayoutProcessTests {

    private static final Path DOCKERFILE = Path.of("docker/Dockerfile");

    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private static final Duration TRAINING = Duration.ofMinutes(4);

    @TempDir
    Path root;

    @Test
    void theImageLayoutStartsAndItsHealthCheckSeesTheLivenessUp() throws Exception {
        Path javaHome = java25();
        Dockerfile dockerfile = Dockerfile.read(DOCKERFILE);
        Path build = Files.createDirectories(this.root.resolve("build"));
        Path opt = Files.createDirectories(this.root.resolve("opt-portal"));
        Path data = Files.createDirectories(this.root.resolve("data"));
        Path training = this.root.resolve("aot-training");
        int trainingWeb = FreePorts.next();
        int trainingSecure = FreePorts.next();
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("/opt/portal/", opt + "/");
        paths.put("/build/", build + "/");
        paths.put("/tmp/aot-training", training.toString());

        // FROM eclipse-temurin:25-jre AS extract; WORKDIR /build; COPY target/portal.jar portal.jar; RUN ...extract...
        List<Instruction> extract = dockerfile.stage("extract");
        assertThat(extract).extracting(Instruction::keyword).containsSubsequence("WORKDIR", "COPY", "RUN");
        assertThat(dockerfile.one(extract, "WORKDIR").arguments()).isEqualTo("/build");
        assertThat(dockerfile.one(extract, "COPY").arguments()).isEqualTo("target/portal.jar portal.jar");
        Files.copy(PortalProcess.jar(), build.resolve("portal.jar"));
        String extractCommand = dockerfile.one(extract, "RUN").arguments();
        assertThat(extractCommand).startsWith("java -Djarmode=tools -jar portal.jar extract ").contains("--layers");
        assertThat(shell(build, javaHome, Map.of(), Duration.ofMinutes(2), extractCommand).exitCode()).isZero();

        // One COPY per layer of the jar, in the jar's order, all into /opt/portal/.
        Result listed = shell(build, javaHome, Map.of(), Duration.ofMinutes(1), "java -Djarmode=tools -jar portal.jar list-layers");
        List<String> layers = listed.output().lines().map(String::trim).filter((line) -> !line.isEmpty()).toList();
        assertThat(layers).contains("dependencies", "application");
        List<Instruction> image = dockerfile.stage(null);
        List<String[]> copies = image.stream().filter((i) -> i.keyword().equals("COPY"))
            .map((i) -> i.arguments().split("\\s+"))
            .toList();
        assertThat(copies).allSatisfy((copy) -> assertThat(copy[0]).isEqualTo("--from=extract"));
        assertThat(copies.stream().map((copy) -> copy[1]).toList()).as("the COPY lines, one per layer of the jar")
            .containsExactlyElementsOf(layers.stream().map((layer) -> "/build/app/" + layer + "/").toList());
        assertThat(copies).allSatisfy((copy) -> assertThat(copy[2]).isEqualTo("/opt/portal/"));
        for (String[] copy : copies) {
            copyTree(Path.of(local(copy[1], paths)), Path.of(local(copy[2], paths)));
        }
        assertThat(opt.resolve("portal.jar")).isRegularFile();
        assertThat(opt.resolve("lib")).isDirectory();

        // The training RUN: writes the AOT cache.
        List<Instruction> runs = image.stream().filter((i) -> i.keyword().equals("RUN")).toList();
        String trainingCommand = runs.stream().map(Instruction::arguments).filter((r) -> r.contains("AOTCacheOutput")).findFirst()
            .orElseThrow();
        assertThat(trainingCommand).contains("--portal.bindings.web.port=18080", "--portal.bindings.secure.port=18443");
        trainingCommand = local(trainingCommand, paths).replace("=18080", "=" + trainingWeb).replace("=18443", "=" + trainingSecure);
        Result trained = shell(this.root, javaHome, Map.of(), TRAINING, trainingCommand);
        assertThat(trained.exitCode()).as("training run:\n%s", trained.output()).isZero();
        assertThat(opt.resolve("portal.aot")).isRegularFile();
        assertThat(training).as("the training run's data is removed").doesNotExist();

        // ENV, ENTRYPOINT and HEALTHCHECK.
        Map<String, String> environment = dockerfile.environment();
        assertThat(environment).containsEntry("PORTAL_DATA_DIR", "/data").containsKey("JAVA_OPTS");
        environment.put("PORTAL_DATA_DIR", data.toString());
        environment.put("JAVA_OPTS", (environment.get("JAVA_OPTS") + " -XX:AOTMode=on").trim());
        List<String> entrypoint = dockerfile.json(dockerfile.one(image, "ENTRYPOINT").arguments()).stream()
            .map((word) -> local(word, paths))
            .toList();
        List<String> healthCheck = dockerfile.healthCheck();
        assertThat(String.join(" ", healthCheck)).contains("localhost/8080").contains("/actuator/health/liveness");
        assertThat(defaultWebPort()).as("the port the health check asks is the default web binding's").isEqualTo(8080);
        assertThat(dockerfile.one(image, "EXPOSE").arguments().split(" ")).contains("8080");
        int web = FreePorts.next();
        int secure = FreePorts.next();
        List<String> check = healthCheck.stream().map((word) -> word.replace("localhost/8080", "localhost/" + web)).toList();
        assertThat(run(this.root, javaHome, Map.of(), Duration.ofSeconds(10), check).exitCode())
            .as("the health check while nothing listens").isNotZero();

        List<String> command = new ArrayList<>(entrypoint);
        command.add("--portal.bindings.web.port=" + web);
        command.add("--portal.bindings.secure.port=" + secure);
        Path log = this.root.resolve("portal.log");
        Process portal = builder(data, javaHome, environment, command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            Result healthy = null;
            while (System.nanoTime() < deadline && portal.isAlive()) {
                healthy = run(this.root, javaHome, Map.of(), Duration.ofSeconds(5), check);
                if (healthy.exitCode() == 0) {
                    break;
                }
                Thread.sleep(500);
            }
            String output = Files.readString(log);
            assertThat(healthy).as("the health check's last result; the portal's output:\n%s", output).isNotNull();
            assertThat(healthy.exitCode()).as("the health check; the portal's output:\n%s", output).isZero();
            assertThat(output).contains("Started PortalApplication").doesNotContain("Unable to use AOT cache");
            assertThat(data.resolve("master.key")).as("the data directory is PORTAL_DATA_DIR").exists();
        }
        finally {
            portal.destroy();
            if (!portal.waitFor(30, TimeUnit.SECONDS)) {
                portal.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(portal.exitValue()).as("exit after SIGTERM (docker stop)").isIn(0, 143);
        assertThat(run(this.root, javaHome, Map.of(), Duration.ofSeconds(10), check).exitCode())
            .as("the health check once the portal has stopped").isNotZero();
    }

    private static int defaultWebPort() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("spring.datasource.url", "jdbc:h2:mem:x")));
        SpringApplication application = new SpringApplication();
        application.setWebApplicationType(WebApplicationType.NONE);
        new PortalDefaults().postProcessEnvironment(environment, application);
        new io.portal.PortalApplicationDefaults().postProcessEnvironment(environment, application);
        return Binder.get(environment).bindOrCreate("portal", BindingProperties.class).getBindings().get("web").getPort();
    }

    private static Path java25() {
        if (Files.isExecutable(TEMURIN_25.resolve("bin/java"))) {
            return TEMURIN_25;
        }
        if (Runtime.version().feature() < 25) {
            MissingPart.skipOrFail("The image's JVM, a Java 25 JDK, is needed: neither " + TEMURIN_25
                    + " nor the JVM running the tests is one");
        }
        return Path.of(System.getProperty("java.home"));
    }

    /**
     * A path of the image as the test's directory.
     */
    private static String local(String text, Map<String, String> paths) {
        Matcher absolute = Pattern.compile("(?<=^|[\\s=])/[\\w./-]+").matcher(text);
        while (absolute.find()) {
            String path = absolute.group();
            assertThat(paths.keySet().stream().anyMatch(path::startsWith)).as("%s in '%s' is a path the test maps", path, text).isTrue();
        }
        String result = text;
        for (Map.Entry<String, String> path : paths.entrySet()) {
            result = result.replace(path.getKey(), path.getValue());
        }
        return result;
    }

    private static Result shell(Path directory, Path javaHome, Map<String, String> environment, Duration timeout, String command)
            throws IOException, InterruptedException {
        return run(directory, javaHome, environment, timeout, List.of("sh", "-c", command));
    }

    private static Result run(Path directory, Path javaHome, Map<String, String> environment, Duration timeout, List<String> command)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(directory, "command-", ".log");
        Process process = builder(directory, javaHome, environment, command).redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("Did not end within " + timeout + ": " + command + "\n" + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output));
    }

    /**
     * A command as the image runs it: its java first on the PATH.
     */
    private static ProcessBuilder builder(Path directory, Path javaHome, Map<String, String> environment, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("PATH", javaHome.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
        return builder;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        assertThat(from).as("a layer extracted by the extract stage").isDirectory();
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach((file) -> {
                Path target = to.resolve(from.relativize(file).toString());
                try {
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    }
                    else {
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }

    record Result(int exitCode, String output) {
    }

    record Instruction(String stage, String keyword, String arguments) {
    }

    /**
     * The instructions of a Dockerfile: comments dropped, continued lines joined.
     */
    record Dockerfile(List<Instruction> instructions) {

        private static final Pattern ASSIGNMENT = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S*)");

        static Dockerfile read(Path file) throws IOException {
            List<Instruction> instructions = new ArrayList<>();
            String stage = null;
            StringBuilder current = new StringBuilder();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                    continue;
                }
                current.append(trimmed);
                String text = current.toString().replaceAll("\\s+", " ").trim();
                current.setLength(0);
                String keyword = text.split(" ", 2)[0].toUpperCase();
                String arguments = text.substring(keyword.length()).trim();
                if (keyword.equals("FROM")) {
                    Matcher as = Pattern.compile("(?i)\\sAS\\s+(\\S+)$").matcher(arguments);
                    stage = as.find() ? as.group(1) : null;
                }
                instructions.add(new Instruction(stage, keyword, arguments));
            }
            return new Dockerfile(instructions);
        }

        /**
         * The instructions of a stage.
         * @param name the stage's name, or {@code null} for the unnamed last stage
         */
        List<Instruction> stage(String name) {
            return this.instructions.stream()
                .filter((i) -> (name != null) ? name.equals(i.stage()) : i.stage() == null)
                .filter((i) -> !i.keyword().equals("FROM"))
                .toList();
        }

        Instruction one(List<Instruction> instructions, String keyword) {
            List<Instruction> found = instructions.stream().filter((i) -> i.keyword().equals(keyword)).toList();
            assertThat(found).as(keyword).hasSize(1);
            return found.get(0);
        }

        Map<String, String> environment() {
            Map<String, String> environment = new LinkedHashMap<>();
            stage(null).stream().filter((i) -> i.keyword().equals("ENV")).forEach((env) -> {
                Matcher assignment = ASSIGNMENT.matcher(env.arguments());
                while (assignment.find()) {
                    String value = assignment.group(2);
                    environment.put(assignment.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
                }
            });
            return environment;
        }

        List<String> healthCheck() {
            String arguments = one(stage(null), "HEALTHCHECK").arguments();
            int cmd = arguments.indexOf("CMD [");
            assertThat(cmd).as("HEALTHCHECK ... CMD [\"executable\", ...]").isNotNegative();
            return json(arguments.substring(cmd + "CMD ".length()));
        }

        List<String> json(String array) {
            return JsonMapper.builder().build().readValue(array, new TypeReference<List<String>>() { });
        }

    }

}
