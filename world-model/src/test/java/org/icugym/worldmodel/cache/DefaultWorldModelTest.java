package org.icugym.worldmodel.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.icugym.worldmodel.TinyModels;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.model.WorldModelConfig;
import org.icugym.worldmodel.train.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultWorldModelTest {
    private static final TrainConfig TINY = TinyModels.QUICK.withModel(new WorldModelConfig(6, 16, 1, 2))
            .withEarlyStopping(TrainConfig.EarlyStopping.DYNAMICS);

    @TempDir
    Path dir;

    @Test
    void buildsOnceIntoAKeyedDirectoryAndReusesIt() throws IOException {
        DefaultWorldModel recipe = new DefaultWorldModel(dir.resolve("a"), 60, 0, TINY);
        assertThat(recipe.cached()).isEmpty();

        Path file = recipe.build(DefaultWorldModel.Progress.NONE);
        assertThat(file).isEqualTo(recipe.artifactFile()).isRegularFile();
        assertThat(recipe.cached()).contains(file);
        assertThat(recipe.cohortDirectory().resolve("test.csv.gz")).isRegularFile();
        assertThat(Files.readString(recipe.directory().resolve("build.txt"))).contains(recipe.key(), "stays=60");
        try (Stream<Path> entries = Files.list(recipe.directory().getParent())) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("default-" + recipe.key());
        }
        var modified = Files.getLastModifiedTime(file);
        assertThat(recipe.build(DefaultWorldModel.Progress.NONE)).isEqualTo(file);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);

        // the same recipe elsewhere trains the same model (deterministic)
        DefaultWorldModel again = new DefaultWorldModel(dir.resolve("b"), 60, 0, TINY);
        WorldModelArtifact first = WorldModelArtifact.load(file);
        WorldModelArtifact second = WorldModelArtifact.load(again.build(DefaultWorldModel.Progress.NONE));
        assertThat(second.metrics().withoutTiming()).isEqualTo(first.metrics().withoutTiming());
    }

    @Test
    void aChangedRecipeGetsAnotherKey() {
        DefaultWorldModel base = new DefaultWorldModel(dir, 60, 0, TINY);
        assertThat(new DefaultWorldModel(dir, 61, 0, TINY).key()).isNotEqualTo(base.key());
        assertThat(new DefaultWorldModel(dir, 60, 1, TINY).key()).isNotEqualTo(base.key());
        assertThat(new DefaultWorldModel(dir, 60, 0, TINY.withSeed(99)).key()).isNotEqualTo(base.key());
        assertThat(new DefaultWorldModel(dir, 60, 0, TINY).key()).isEqualTo(base.key());
    }

    @Test
    void theCacheRootComesFromTheEnvironment() {
        assertThat(DefaultWorldModel.cacheRoot(Map.of("ICUGYM_CACHE", "/srv/cache"))).isEqualTo(Path.of("/srv/cache"));
        assertThat(DefaultWorldModel.cacheRoot(Map.of("ICUGYM_CACHE", " ")))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "icugym"));
        assertThat(DefaultWorldModel.cacheRoot(Map.of()).toString()).endsWith(".cache/icugym");
        assertThat(DefaultWorldModel.standard().stays()).isEqualTo(20_000);
    }
}
