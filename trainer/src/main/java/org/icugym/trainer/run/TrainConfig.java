package org.icugym.trainer.run;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.icugym.trainer.ppo.PpoSettings;

/**
 * The whole configuration of a training run under the keys of {@code icugym train}'s flags
 * ({@code total-steps}, {@code learning-rate}, …): what a config file holds, what {@code config.json}
 * of a run records and what {@code --resume} reads back.
 *
 * @param ppo          the PPO hyperparameters, environment server and output folder
 * @param workers      rollout workers on this node
 * @param evalEpisodes evaluation episodes after training (0: none)
 * @param evalGreedy   whether evaluation acts greedily (argmax) rather than by sampling the policy
 */
public record TrainConfig(PpoSettings ppo, int workers, int evalEpisodes, boolean evalGreedy) {
    /** Every key with its default ({@code null}: required or none), in the order they are documented. */
    public static final Map<String, Object> DEFAULTS = defaults();

    /** Checks the run-level values. */
    public TrainConfig {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        if (evalEpisodes < 0) {
            throw new IllegalArgumentException("eval-episodes must be >= 0, got " + evalEpisodes);
        }
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("env", null);
        d.put("env-server", "127.0.0.1:50051");
        d.put("out", null);
        d.put("total-steps", 200_000L);
        d.put("seed", 1L);
        d.put("num-envs", 4);
        d.put("num-steps", 128);
        d.put("learning-rate", 2.5e-4);
        d.put("anneal-lr", true);
        d.put("gamma", 0.99);
        d.put("gae-lambda", 0.95);
        d.put("num-minibatches", 4);
        d.put("update-epochs", 4);
        d.put("norm-adv", true);
        d.put("clip-coef", 0.2);
        d.put("clip-vloss", true);
        d.put("ent-coef", 0.01);
        d.put("vf-coef", 0.5);
        d.put("max-grad-norm", 0.5);
        d.put("target-kl", null);
        d.put("hidden", "64,64");
        d.put("device", "cpu");
        d.put("max-staleness", 0);
        d.put("checkpoint-every", 50);
        d.put("workers", 1);
        d.put("eval-episodes", 0);
        d.put("eval-mode", "greedy");
        return java.util.Collections.unmodifiableMap(d);
    }

    /**
     * Builds a configuration from {@code values} (numbers, booleans or strings under the keys of
     * {@link #DEFAULTS}); missing keys take their defaults.
     *
     * @throws IllegalArgumentException naming the key, for an unknown key, a missing required one or a bad value
     */
    public static TrainConfig from(Map<String, ?> values) {
        List<String> unknown = values.keySet().stream().filter(k -> !DEFAULTS.containsKey(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown training keys " + unknown + "; known keys: "
                    + String.join(", ", DEFAULTS.keySet()));
        }
        Values v = new Values(values);
        String server = v.string("env-server");
        int colon = server.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("env-server must be host:port, got " + server);
        }
        int port;
        try {
            port = Integer.parseInt(server.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("env-server must end in a port number, got " + server, e);
        }
        String mode = v.string("eval-mode").toLowerCase(Locale.ROOT);
        if (!mode.equals("greedy") && !mode.equals("sample")) {
            throw new IllegalArgumentException("eval-mode must be greedy or sample, got " + mode);
        }
        Object targetKl = v.raw("target-kl");
        PpoSettings ppo = new PpoSettings(v.string("env"), server.substring(0, colon), port, v.longValue("total-steps"),
                v.longValue("seed"), v.intValue("num-envs"), v.intValue("num-steps"), v.doubleValue("learning-rate"),
                v.bool("anneal-lr"), v.doubleValue("gamma"), v.doubleValue("gae-lambda"), v.intValue("num-minibatches"),
                v.intValue("update-epochs"), v.bool("norm-adv"), v.doubleValue("clip-coef"), v.bool("clip-vloss"),
                v.doubleValue("ent-coef"), v.doubleValue("vf-coef"), v.doubleValue("max-grad-norm"),
                targetKl == null ? Double.NaN : v.doubleValue("target-kl"), v.widths("hidden"), v.string("device"),
                v.intValue("max-staleness"), v.intValue("checkpoint-every"), Path.of(v.string("out")));
        return new TrainConfig(ppo, v.intValue("workers"), v.intValue("eval-episodes"), mode.equals("greedy"));
    }

    /** The configuration under the keys of {@link #DEFAULTS}, as written to {@code config.json}. */
    public Map<String, Object> toMap() {
        PpoSettings s = ppo;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("env", s.envId());
        m.put("env-server", s.envServerHost() + ":" + s.envServerPort());
        m.put("out", s.outDir() == null ? null : s.outDir().toString());
        m.put("total-steps", s.totalSteps());
        m.put("seed", s.seed());
        m.put("num-envs", s.numEnvs());
        m.put("num-steps", s.numSteps());
        m.put("learning-rate", s.learningRate());
        m.put("anneal-lr", s.annealLr());
        m.put("gamma", s.gamma());
        m.put("gae-lambda", s.gaeLambda());
        m.put("num-minibatches", s.numMinibatches());
        m.put("update-epochs", s.updateEpochs());
        m.put("norm-adv", s.normAdv());
        m.put("clip-coef", s.clipCoef());
        m.put("clip-vloss", s.clipVloss());
        m.put("ent-coef", s.entCoef());
        m.put("vf-coef", s.vfCoef());
        m.put("max-grad-norm", s.maxGradNorm());
        m.put("target-kl", Double.isNaN(s.targetKl()) ? null : s.targetKl());
        m.put("hidden", Arrays.stream(s.hidden()).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        m.put("device", s.device());
        m.put("max-staleness", s.maxStaleness());
        m.put("checkpoint-every", s.checkpointEvery());
        m.put("workers", workers);
        m.put("eval-episodes", evalEpisodes);
        m.put("eval-mode", evalGreedy ? "greedy" : "sample");
        return m;
    }

    /** Typed reads of the given values over the defaults; every error names its key. */
    private record Values(Map<String, ?> given) {
        Object raw(String key) {
            return given.containsKey(key) ? given.get(key) : DEFAULTS.get(key);
        }

        private Object required(String key) {
            Object o = raw(key);
            if (o == null) {
                throw new IllegalArgumentException(key + " is required (flag --" + key + " or key '" + key
                        + "' in the config file)");
            }
            return o;
        }

        String string(String key) {
            return required(key).toString();
        }

        long longValue(String key) {
            Object o = required(key);
            try {
                return o instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue()
                        : Long.parseLong(o.toString().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number, got " + o, e);
            }
        }

        int intValue(String key) {
            long l = longValue(key);
            if (l != (int) l) {
                throw new IllegalArgumentException(key + " is too large: " + l);
            }
            return (int) l;
        }

        double doubleValue(String key) {
            Object o = required(key);
            try {
                return o instanceof Number n ? n.doubleValue() : Double.parseDouble(o.toString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a number, got " + o, e);
            }
        }

        boolean bool(String key) {
            Object o = required(key);
            if (o instanceof Boolean b) {
                return b;
            }
            String t = o.toString().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Boolean.parseBoolean(t);
            }
            throw new IllegalArgumentException(key + " must be true or false, got " + o);
        }

        int[] widths(String key) {
            Object o = required(key);
            String text = o instanceof List<?> l ? l.stream().map(Object::toString).collect(Collectors.joining(","))
                    : o.toString();
            try {
                return Arrays.stream(text.replaceAll("[\\[\\]\\s]", "").split(",")).mapToInt(Integer::parseInt).toArray();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be comma-separated layer widths like 64,64, got " + o, e);
            }
        }
    }
}
