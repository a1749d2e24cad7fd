package slipstream.server.calibration.artifacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small, dependency-free SVG charts for calibration reports (SVG needs no fonts or display on the server).
 * Each chart has axes with ticks, a title and labelled axes; coordinates are data units mapped to pixels.
 */
public final class SvgChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 55;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final List<String> elements = new ArrayList<>();

    public SvgChart(String title, String xLabel, String yLabel, double xMin, double xMax, double yMin, double yMax) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xMin = xMin;
        this.xMax = xMax > xMin ? xMax : xMin + 1;
        this.yMin = yMin;
        this.yMax = yMax > yMin ? yMax : yMin + 1;
    }

    private double px(double x) {
        return LEFT + (x - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
    }

    private double py(double y) {
        return HEIGHT - BOTTOM - (y - yMin) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM);
    }

    /** A bar from x0 to x1 with height y. */
    public SvgChart bar(double x0, double x1, double y, String colour) {
        double top = py(Math.max(y, yMin));
        elements.add(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"white\"/>",
                px(x0), top, Math.max(0.5, px(x1) - px(x0)), py(yMin) - top, colour));
        return this;
    }

    /** A polyline through the points, optionally with markers sized by weight (0 for none). */
    public SvgChart line(double[] xs, double[] ys, String colour, boolean dashed, double[] markerWeights) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(xs[i]), py(ys[i])));
        }
        elements.add(String.format("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>",
                points.toString().trim(), colour, dashed ? " stroke-dasharray=\"6,4\"" : ""));
        if (markerWeights != null) {
            double maxWeight = 0;
            for (double w : markerWeights) {
                maxWeight = Math.max(maxWeight, w);
            }
            for (int i = 0; i < xs.length; i++) {
                double r = maxWeight == 0 ? 3 : 2 + 6 * Math.sqrt(markerWeights[i] / maxWeight);
                elements.add(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>",
                        px(xs[i]), py(ys[i]), r, colour));
            }
        }
        return this;
    }

    /** A vertical marker line at x with a label. */
    public SvgChart vertical(double x, String colour, String label) {
        elements.add(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2.5\"/>"
                        + "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>",
                px(x), TOP, px(x), HEIGHT - BOTTOM, colour, px(x) + 4, TOP + 14, colour, escape(label)));
        return this;
    }

    /** A legend line in the top-left corner. */
    public SvgChart legend(int row, String colour, String text) {
        elements.add(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>",
                LEFT + 10, TOP + 8 + row * 18, colour, LEFT + 28, TOP + 18 + row * 18, escape(text)));
        return this;
    }

    public String render() {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format("<text x=\"%d\" y=\"24\" font-size=\"16\" font-weight=\"bold\">%s</text>%n", LEFT, escape(title)));
        for (int i = 0; i <= 5; i++) {
            double x = xMin + (xMax - xMin) * i / 5;
            double y = yMin + (yMax - yMin) * i / 5;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n",
                    px(x), TOP, px(x), HEIGHT - BOTTOM, px(x), HEIGHT - BOTTOM + 16, tick(x)));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                    LEFT, py(y), WIDTH - RIGHT, py(y), LEFT - 6, py(y) + 4, tick(y)));
        }
        elements.forEach(e -> svg.append(e).append('\n'));
        svg.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        svg.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        svg.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\">%s</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 14, escape(xLabel)));
        svg.append(String.format("<text x=\"16\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 16 %d)\">%s</text>%n", (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2, escape(yLabel)));
        return svg.append("</svg>\n").toString();
    }

    private static String tick(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
