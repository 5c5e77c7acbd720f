package io.seed.bundler.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * A horizontal SVG bar chart of costs in microseconds, on one linear scale, with a dashed line at
 * the reference every bar is read against (libsecp256k1's {@code ecdsa_recover}).
 */
final class BarChart {
  /** One bar: its label, its cost in nanoseconds and its fill colour. */
  record Bar(String label, double nanoseconds, String colour) {}

  private static final int WIDTH = 820;
  private static final int LABEL_WIDTH = 330;
  private static final int VALUE_WIDTH = 130;
  private static final int TOP = 50;
  private static final int ROW = 28;
  private static final int BOTTOM = 50;

  private BarChart() {}

  static String render(String title, List<Bar> bars, String referenceLabel, double referenceNs) {
    double top = referenceNs;
    for (Bar bar : bars) {
      top = Math.max(top, bar.nanoseconds());
    }
    double scaleMicros = niceCeiling(top * 1.05 / 1_000);
    int plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    int height = TOP + ROW * bars.size() + BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
    svg.append(String.format(Locale.ROOT,
        "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">%s</text>%n",
        WIDTH / 2, escape(title)));
    int plotBottom = TOP + ROW * bars.size();
    for (int tick = 0; tick <= 5; tick++) {
      double x = LABEL_WIDTH + plotWidth * tick / 5.0;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n",
          x, x, TOP - 6, plotBottom));
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
          x, plotBottom + 16, tick == 0 ? "0" : tick(scaleMicros * tick / 5)));
    }
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">microseconds per operation (one thread)"
            + "</text>%n", LABEL_WIDTH + plotWidth / 2, plotBottom + 36));
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      int y = TOP + ROW * i;
      double length = plotWidth * bar.nanoseconds() / 1_000 / scaleMicros;
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
          LABEL_WIDTH - 8, y + 17, escape(bar.label())));
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
          LABEL_WIDTH, y + 5, Math.max(length, 1), ROW - 10, bar.colour()));
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%d\">%s µs (%s×)</text>%n",
          LABEL_WIDTH + length + 6, y + 17, tick(bar.nanoseconds() / 1_000),
          String.format(Locale.ROOT, "%.2f", bar.nanoseconds() / referenceNs)));
    }
    double referenceX = LABEL_WIDTH + plotWidth * referenceNs / 1_000 / scaleMicros;
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"black\""
            + " stroke-dasharray=\"5,4\"/>%n",
        referenceX, referenceX, TOP - 10, plotBottom));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">1× = %s</text>%n",
        referenceX, TOP - 14, escape(referenceLabel)));
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static double niceCeiling(double value) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String tick(double micros) {
    String pattern = micros >= 100 ? "%.0f" : micros >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, pattern, micros);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
