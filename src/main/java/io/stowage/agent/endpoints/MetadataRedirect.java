package io.stowage.agent.endpoints;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes {@code 169.254.170.2:80} lead to the agent's endpoints, as the ECS agent does on Linux (ecs-init's
 * iptables rules): a DNAT rule in {@code nat PREROUTING} for the packets a design's containers send from the
 * design network's subnet, to the endpoint's listener on that network's gateway, and one in {@code nat OUTPUT} for
 * host-mode containers (which share this machine's network), to its listener on the loopback. Each rule carries a
 * comment naming the process that made it, so that a process killed without cleaning up has its rules removed by
 * the next one ({@link #removeStale()}). Needs root and the {@code iptables} command of the engine's network
 * namespace; {@link #available()} says whether they are there.
 */
final class MetadataRedirect {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataRedirect.class);
    static final String ADDRESS = "169.254.170.2";
    private static final String TAG = "stowage-agent";
    private static final Pattern OWNER = Pattern.compile(TAG + " pid=(\\d+) start=(\\d+)");

    private final String owner;
    private final List<List<String>> installed = new ArrayList<>();

    MetadataRedirect() {
        ProcessHandle self = ProcessHandle.current();
        this.owner = TAG + " pid=" + self.pid() + " start=" + startOf(self);
    }

    /** Whether this process can add the rules: iptables answers for the nat table (root, same namespace). */
    static Optional<String> unavailableReason() {
        try {
            Result r = run(List.of("iptables", "-w", "5", "-t", "nat", "-S", "OUTPUT"));
            return r.status == 0 ? Optional.empty()
                    : Optional.of("iptables cannot change the nat table (" + r.output.strip() + ")");
        } catch (IOException e) {
            return Optional.of("there is no iptables command (" + e.getMessage() + ")");
        }
    }

    static boolean available() {
        return unavailableReason().isEmpty();
    }

    /** Packets from {@code subnet} to 169.254.170.2:80 go to {@code toIp:toPort}. */
    synchronized List<String> fromSubnet(String subnet, String toIp, int toPort) {
        return add("PREROUTING", List.of("-s", subnet), toIp, toPort);
    }

    /** Packets this machine sends to 169.254.170.2:80 (host-mode containers) go to {@code toIp:toPort}. */
    synchronized List<String> fromHost(String toIp, int toPort) {
        return add("OUTPUT", List.of(), toIp, toPort);
    }

    private List<String> add(String chain, List<String> match, String toIp, int toPort) {
        List<String> spec = new ArrayList<>(List.of("-t", "nat", chain));
        spec.addAll(match);
        spec.addAll(List.of("-d", ADDRESS + "/32", "-p", "tcp", "-m", "tcp", "--dport", "80",
                "-m", "comment", "--comment", owner, "-j", "DNAT", "--to-destination", toIp + ":" + toPort));
        List<String> insert = new ArrayList<>(List.of("iptables", "-w", "5"));
        insert.addAll(spec.subList(0, 2));
        insert.add("-I");
        insert.addAll(spec.subList(2, spec.size()));
        Result r = runQuietly(insert);
        if (r.status != 0) {
            throw new IllegalStateException("iptables refused the rule for " + ADDRESS + ": " + r.output.strip());
        }
        installed.add(spec);
        LOG.info("{} → {}:{} for {}", ADDRESS, toIp, toPort, match.isEmpty() ? "this machine" : match.get(1));
        return spec;
    }

    synchronized void remove(List<String> rule) {
        if (installed.remove(rule)) {
            delete(rule);
        }
    }

    /** Removes every rule this process made. */
    synchronized void removeAll() {
        for (List<String> rule : new ArrayList<>(installed)) {
            delete(rule);
        }
        installed.clear();
    }

    private static void delete(List<String> spec) {
        List<String> cmd = new ArrayList<>(List.of("iptables", "-w", "5"));
        cmd.addAll(spec.subList(0, 2));
        cmd.add("-D");
        cmd.addAll(spec.subList(2, spec.size()));
        Result r = runQuietly(cmd);
        if (r.status != 0) {
            LOG.warn("could not remove the rule {}: {}", spec, r.output.strip());
        }
    }

    /** Removes the rules of Stowage agents that are no longer running (killed without cleaning up). */
    static int removeStale() {
        int removed = 0;
        for (String chain : List.of("PREROUTING", "OUTPUT")) {
            Result listed = runQuietly(List.of("iptables", "-w", "5", "-t", "nat", "-S", chain));
            if (listed.status != 0) {
                return removed;
            }
            for (String line : listed.output.split("\n")) {
                Matcher m = OWNER.matcher(line);
                if (!line.startsWith("-A ") || !m.find() || alive(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
                    continue;
                }
                List<String> words = words(line);
                List<String> spec = new ArrayList<>(List.of("-t", "nat"));
                spec.addAll(words.subList(1, words.size()));
                delete(spec);
                removed++;
            }
        }
        return removed;
    }

    private static boolean alive(long pid, long start) {
        return ProcessHandle.of(pid).map(p -> startOf(p) == start).orElse(false);
    }

    private static long startOf(ProcessHandle p) {
        return p.info().startInstant().map(Instant::getEpochSecond).orElse(0L);
    }

    /** Splits a line of {@code iptables -S} into its words, quotes kept together. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    out.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(word.toString());
        }
        return out;
    }

    private record Result(int status, String output) {
    }

    private static Result runQuietly(List<String> command) {
        try {
            return run(command);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
    }

    private static Result run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "iptables did not answer within 30 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(-1, "interrupted");
        }
    }
}
