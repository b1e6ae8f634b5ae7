package org.icugym.trainer.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A PNG learning curve: every episode's return (grey) and the mean of the last 20 (blue) against
 * the global step. Drawn with Java2D, headless.
 */
public final class LearningCurve {
    private static final int W = 800;
    private static final int H = 480;
    private static final int PAD = 60;

    private LearningCurve() {
    }

    /** Writes the curve of {@code episodes} to {@code png} (atomically: a temporary file, then a move). */
    public static void write(Path png, String title, List<TrainResult.Episode> episodes, long totalSteps) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double yMax = episodes.stream().mapToDouble(TrainResult.Episode::episodicReturn).max().orElse(1);
        double yMin = Math.min(0, episodes.stream().mapToDouble(TrainResult.Episode::episodicReturn).min().orElse(0));
        if (yMax <= yMin) {
            yMax = yMin + 1;
        }
        g.setColor(Color.BLACK);
        g.drawRect(PAD, PAD / 2, W - PAD - PAD / 2, H - PAD - PAD / 2);
        g.drawString(title, PAD, PAD / 2 - 8);
        g.drawString("global step", W / 2 - 30, H - 12);
        for (int k = 0; k <= 4; k++) {
            double yv = yMin + (yMax - yMin) * k / 4;
            int y = y(yv, yMin, yMax);
            g.drawString(String.format(Locale.ROOT, "%.0f", yv), 8, y + 4);
            long xv = totalSteps * k / 4;
            g.drawString(Long.toString(xv), x(xv, totalSteps) - 15, H - PAD + 28);
        }
        g.setColor(new Color(180, 180, 180));
        for (TrainResult.Episode e : episodes) {
            g.fillRect(x(e.globalStep(), totalSteps), y(e.episodicReturn(), yMin, yMax), 2, 2);
        }
        g.setColor(new Color(31, 119, 180));
        g.setStroke(new BasicStroke(2f));
        int px = -1;
        int py = -1;
        double sum = 0;
        for (int i = 0; i < episodes.size(); i++) {
            sum += episodes.get(i).episodicReturn() - (i >= 20 ? episodes.get(i - 20).episodicReturn() : 0);
            int cx = x(episodes.get(i).globalStep(), totalSteps);
            int cy = y(sum / Math.min(i + 1, 20), yMin, yMax);
            if (px >= 0) {
                g.drawLine(px, py, cx, cy);
            }
            px = cx;
            py = cy;
        }
        g.dispose();
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
            ImageIO.write(img, "png", tmp.toFile());
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the learning curve " + png + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the episodes of a {@code metrics.jsonl} written by {@link MetricsLog}.
     *
     * @throws UncheckedIOException if the file cannot be read
     */
    public static List<TrainResult.Episode> readEpisodes(Path metricsJsonl) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(
                "\\{\"global_step\":(\\d+),\"charts/episodic_return\":([-0-9.Ee]+),\"charts/episodic_length\":(\\d+)}");
        try (var lines = Files.lines(metricsJsonl)) {
            return lines.map(p::matcher).filter(java.util.regex.Matcher::matches)
                    .map(m -> new TrainResult.Episode(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                            Integer.parseInt(m.group(3))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metricsJsonl + ": " + e.getMessage(), e);
        }
    }

    /** Draws {@code learning_curve.png} next to each {@code metrics.jsonl} given as an argument. */
    public static void main(String[] args) {
        for (String a : args) {
            Path jsonl = Path.of(a);
            List<TrainResult.Episode> episodes = readEpisodes(jsonl);
            long last = episodes.isEmpty() ? 1 : episodes.get(episodes.size() - 1).globalStep();
            write(jsonl.resolveSibling("learning_curve.png"), jsonl.toAbsolutePath().getParent().getFileName().toString(),
                    episodes, last);
        }
    }

    private static int x(long step, long total) {
        return PAD + (int) ((W - PAD - PAD / 2) * (double) step / Math.max(1, total));
    }

    private static int y(double v, double min, double max) {
        return H - PAD - (int) ((H - PAD - PAD / 2) * (v - min) / (max - min));
    }
}
