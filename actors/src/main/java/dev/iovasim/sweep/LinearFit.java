package dev.iovasim.sweep;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Ordinary least squares of y on x: {@code y ≈ slope·x + intercept}, with R² (the share of y's
 * variance the line explains).
 *
 * @param n          points fitted
 * @param distinctX  distinct x values among them
 */
public record LinearFit(int n, int distinctX, double slope, double intercept, double r2) {

    /** The fit, or null when x takes fewer than two values (no line is determined). */
    public static LinearFit of(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("x and y differ in length");
        int n = x.length;
        Set<Double> xs = new HashSet<>();
        for (double v : x) xs.add(v);
        if (xs.size() < 2) return null;
        double mx = mean(x);
        double my = mean(y);
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double residual = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - (slope * x[i] + intercept);
            residual += e * e;
        }
        // a flat y is explained perfectly by the flat line the fit finds
        double r2 = syy == 0 ? 1 : 1 - residual / syy;
        return new LinearFit(n, xs.size(), slope, intercept, r2);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return s / v.length;
    }

    /** A plain verdict on how far the line can be trusted. */
    public String quality() {
        if (distinctX == 2 && n == 2) return "two points only: the line is exact and proves nothing";
        if (distinctX == 2) return "two x values only: slope between them, linearity untested";
        if (r2 >= 0.95) return "good: growth is close to linear";
        if (r2 >= 0.8) return "fair: roughly linear, with scatter or curvature";
        if (r2 >= 0.5) return "weak: a line explains only part of the variation";
        return "poor: not linear in this range (or dominated by noise)";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "y = %.4g x + %.4g (n=%d, R²=%.3f)", slope, intercept, n, r2);
    }
}
