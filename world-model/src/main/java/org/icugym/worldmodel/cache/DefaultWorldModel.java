package org.icugym.worldmodel.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.icugym.core.clinical.cohort.CohortGenerator;
import org.icugym.core.clinical.cohort.CohortStay;
import org.icugym.core.clinical.cohort.CohortStep;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.data.CohortDirectorySource;
import org.icugym.worldmodel.data.FeatureLayout;
import org.icugym.worldmodel.model.WorldModelConfig;
import org.icugym.worldmodel.train.TrainConfig;
import org.icugym.worldmodel.train.TrainingProgress;
import org.icugym.worldmodel.train.WorldModelTrainer;

/**
 * The default Clinical World Model behind {@code Sepsis-WorldModel-v1}: trained on the default
 * synthetic cohort (20,000 stays of {@link CohortGenerator#DEFAULT}, seed 0) with {@link
 * #TRAIN_CONFIG}, built on first use and cached, so a fresh machine needs no download.
 *
 * <p>Cache layout: {@code <cache root>/world-model/default-<key>/} holding {@code world-model.zip}
 * (the artifact), {@code cohort/} (the cohort it was trained on; its test split is held out) and
 * {@code build.txt} (the recipe and training metrics). The cache root is {@code $ICUGYM_CACHE},
 * else {@code ~/.cache/icugym}. The key is a hash of everything that determines the model — the
 * recipe (stays, seed, training config), the artifact format, the feature schema and a
 * fingerprint of the simulator's first stays — so a changed simulator, schema or recipe builds
 * into a new directory and a stale model is never served. A build writes into a temporary
 * directory next to the final one and renames it into place, so a crash or a concurrent build
 * never leaves a half-written model under the final name.
 *
 * @param cacheRoot the cache root
 * @param stays stays of the generated cohort
 * @param cohortSeed seed of the generated cohort
 * @param config the training settings
 */
public record DefaultWorldModel(Path cacheRoot, int stays, long cohortSeed, TrainConfig config) {
    /** Stays of the default cohort. */
    public static final int STAYS = 20_000;
    /** Seed of the default cohort. */
    public static final long COHORT_SEED = 0;
    /**
     * The default training settings: the default MLP (history 6, 2 × 256) with 3 members, at most
     * 30 epochs, patience 4, early stopping on the dynamics loss, seed 0 (docs/world-model.md
     * gives the fidelity and the build time).
     */
    public static final TrainConfig TRAIN_CONFIG = TrainConfig.defaults()
            .withModel(WorldModelConfig.DEFAULT.withEnsembleSize(3)).withEpochs(30, 4)
            .withEarlyStopping(TrainConfig.EarlyStopping.DYNAMICS);
    /** The environment variable naming the cache root. */
    public static final String CACHE_VARIABLE = "ICUGYM_CACHE";
    /** The command that builds the default model. */
    public static final String BUILD_COMMAND = "icugym world-model build-default";

    /** Validates the recipe. */
    public DefaultWorldModel {
        Objects.requireNonNull(cacheRoot, "cacheRoot");
        Objects.requireNonNull(config, "config");
        if (stays < 10) {
            throw new IllegalArgumentException("the default cohort needs at least 10 stays, got " + stays);
        }
    }

    /** The default recipe in the cache root of this process's environment. */
    public static DefaultWorldModel standard() {
        return new DefaultWorldModel(cacheRoot(System.getenv()), STAYS, COHORT_SEED, TRAIN_CONFIG);
    }

    /** {@code $ICUGYM_CACHE} if set and not blank, else {@code ~/.cache/icugym}. */
    public static Path cacheRoot(Map<String, String> environment) {
        String configured = environment.get(CACHE_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "icugym");
    }

    /** Receives progress of a build. */
    public interface Progress extends TrainingProgress {
        /** Ignores every event. */
        Progress NONE = new Progress() {};

        /**
         * Cohort generation advanced.
         *
         * @param done stays generated so far
         * @param total stays to generate
         */
        default void onCohort(long done, int total) {}
    }

    /** What the cached model is built from, one line; its hash is the cache key. */
    public String recipe() {
        return "generator=CohortGenerator.DEFAULT;stays=" + stays + ";cohortSeed=" + cohortSeed + ";config=" + config
                + ";format=" + WorldModelArtifact.FORMAT_VERSION + ";schema=" + FeatureLayout.SEPSIS
                + ";simulator=" + simulatorFingerprint();
    }

    /** The cache key: the first 16 hex digits of the SHA-256 of {@link #recipe()}. */
    public String key() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(recipe().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The directory of this recipe's model. */
    public Path directory() {
        return cacheRoot.resolve("world-model").resolve("default-" + key());
    }

    /** The artifact file of this recipe ({@code world-model.zip}). */
    public Path artifactFile() {
        return directory().resolve("world-model.zip");
    }

    /** The cohort the model was trained on (its test split is held out). */
    public Path cohortDirectory() {
        return directory().resolve("cohort");
    }

    /** The artifact file if this recipe has been built, else empty. */
    public Optional<Path> cached() {
        return Files.isRegularFile(artifactFile()) ? Optional.of(artifactFile()) : Optional.empty();
    }

    /**
     * Builds the model unless it is cached: generates the cohort, trains, and moves the result into
     * place atomically.
     *
     * @param progress receives cohort and training progress
     * @return the artifact file
     * @throws UncheckedIOException if the cache cannot be written
     */
    public Path build(Progress progress) {
        Optional<Path> existing = cached();
        if (existing.isPresent()) {
            return existing.get();
        }
        Path parent = directory().getParent();
        Path temporary = parent.resolve(".building-" + key() + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Files.createDirectories(parent);
            Path cohort = temporary.resolve("cohort");
            CohortGenerator.DEFAULT.write(cohort, stays, cohortSeed, done -> progress.onCohort(done, stays));
            WorldModelArtifact artifact = WorldModelTrainer.fit(CohortDirectorySource.of(cohort).load(), config, progress);
            artifact.save(temporary.resolve("world-model.zip"));
            Files.writeString(temporary.resolve("build.txt"), "recipe: " + recipe() + "\nkey: " + key()
                    + "\nvalidation: " + artifact.metrics().summary() + "\n");
            moveIntoPlace(temporary, directory());
            return artifactFile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the default world model under " + parent + " (" + e.getMessage()
                    + "); set " + CACHE_VARIABLE + " to a writable directory", e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // another process finished the same recipe first: its model is identical, keep it
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the cache directory does not support atomic renames", e);
        }
    }

    /** A hash of the first stays the generator produces: changes whenever the simulator or policy does. */
    private long simulatorFingerprint() {
        long hash = 1125899906842597L;
        for (int id = 1; id <= 3; id++) {
            CohortStay stay = CohortGenerator.DEFAULT.stay(cohortSeed, id, (i, bloc, step, patient) -> { });
            hash = 31 * hash + stay.length() + (stay.diedWithin90Days() ? 7 : 0);
            for (CohortStep step : stay.steps()) {
                hash = 31 * hash + step.action().index();
                for (double v : step.features()) {
                    hash = 31 * hash + Double.hashCode(v);
                }
            }
        }
        return hash;
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless: its name never matches a model directory
        }
    }
}
