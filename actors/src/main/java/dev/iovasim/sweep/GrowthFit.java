package dev.iovasim.sweep;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * How y grows with x, two ways, by ordinary least squares (Commons Math's
 * {@link SimpleRegression}): a line {@code y ≈ slope·x + intercept}, and a power law
 * {@code y ≈ coefficient·x^exponent} (a line through ln x, ln y). Each comes with R², the share
 * of y's variance (of ln y's, for the power law) the model explains.
 *
 * @param n          points fitted
 * @param distinctX  distinct x values among them
 * @param exponent   the power law's exponent; NaN when some x or y is not positive (no logarithm)
 */
public record GrowthFit(int n, int distinctX, double slope, double intercept, double r2,
                        double exponent, double coefficient, double powerR2) {

    /** The fits, or null when x takes fewer than two values (no line is determined). */
    public static GrowthFit of(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("x and y differ in length");
        int distinct = (int) Arrays.stream(x).distinct().count();
        if (distinct < 2) return null;
        SimpleRegression line = new SimpleRegression();
        SimpleRegression logs = new SimpleRegression();
        boolean positive = true;
        for (int i = 0; i < x.length; i++) {
            line.addData(x[i], y[i]);
            positive &= x[i] > 0 && y[i] > 0;
            if (positive) logs.addData(Math.log(x[i]), Math.log(y[i]));
        }
        double exponent = positive ? logs.getSlope() : Double.NaN;
        double coefficient = positive ? Math.exp(logs.getIntercept()) : Double.NaN;
        return new GrowthFit(x.length, distinct, line.getSlope(), line.getIntercept(), r2(line),
                exponent, coefficient, positive ? r2(logs) : Double.NaN);
    }

    /** R², with a flat y explained perfectly by the flat line the fit finds (Commons Math says NaN). */
    private static double r2(SimpleRegression r) {
        return r.getTotalSumSquares() == 0 ? 1 : r.getRSquare();
    }

    /** A plain verdict on how far the fits can be trusted and which one describes the growth. */
    public String quality() {
        if (distinctX == 2 && n == 2) return "two points only: both fits are exact and prove nothing";
        if (distinctX == 2) return "two x values only: linearity untested";
        double best = Double.isNaN(powerR2) ? r2 : Math.max(r2, powerR2);
        String fit = best >= 0.95 ? "good" : best >= 0.8 ? "fair" : best >= 0.5 ? "weak" : "poor";
        if (best < 0.5) return fit + ": neither model explains the variation (noise dominates)";
        if (Double.isNaN(powerR2) || r2 >= powerR2) return fit + ": linear fits best";
        String shape = exponent < 0 ? "falling" : exponent < 0.9 ? "sublinear" : exponent > 1.1 ? "superlinear" : "about linear";
        return String.format(Locale.ROOT, "%s: power law fits best, %s (x^%.2f)", fit, shape, exponent);
    }
}
