package org.hearth.analytics.model;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hearth.analytics.features.FeatureSet;

/**
 * A worked example for data scientists: L2-regularised logistic regression (LIBLINEAR) of the
 * label's negative outcome (for school readiness: <em>not</em> reaching a good level of
 * development, so odds ratios read like the report's risk ratios) on a feature set's boolean
 * features, its discrimination measured by stratified k-fold cross-validated AUC, and odds ratios
 * from the model fitted to every row.
 */
public final class BaselineModel {
  static {
    Linear.disableDebugOutput();
  }

  private BaselineModel() {}

  /** How the model is fitted and checked. */
  public record Settings(double cost, int folds, long seed) {
    public static final Settings DEFAULT = new Settings(1.0, 5, 2026);

    public Settings {
      if (!(cost > 0)) {
        throw new IllegalArgumentException("the cost (inverse regularisation) must be above 0");
      }
      if (folds < 2) {
        throw new IllegalArgumentException("cross-validation needs at least 2 folds");
      }
    }
  }

  public record OddsRatio(
      String feature, String description, double coefficient, double oddsRatio) {}

  /** Cross-validated AUC (mean and standard deviation over folds) and the full model's odds. */
  public record Result(
      String outcome,
      int rows,
      int positives,
      Settings settings,
      double[] foldAuc,
      double meanAuc,
      double sdAuc,
      List<OddsRatio> oddsRatios) {}

  public static Result fit(FeatureSet set, Settings s) {
    List<FeatureSet.Column> features = set.columns(FeatureSet.Role.FEATURE);
    List<FeatureSet.Column> labels = set.columns(FeatureSet.Role.LABEL);
    if (labels.size() != 1 || features.isEmpty()) {
      throw new IllegalArgumentException("a baseline needs boolean features and one label");
    }
    int[] columns = features.stream().mapToInt(c -> set.column(c.name())).toArray();
    int label = set.column(labels.get(0).name());
    int n = set.rows().size();
    double[][] x = new double[n][columns.length];
    int[] y = new int[n];
    int positives = 0;
    for (int i = 0; i < n; i++) {
      Object[] row = set.rows().get(i);
      for (int j = 0; j < columns.length; j++) {
        x[i][j] = Boolean.TRUE.equals(row[columns[j]]) ? 1 : 0;
      }
      y[i] = Boolean.TRUE.equals(row[label]) ? 0 : 1;
      positives += y[i];
    }
    if (positives < s.folds() || n - positives < s.folds()) {
      throw new IllegalArgumentException(
          "too few rows of each outcome for "
              + s.folds()
              + "-fold cross-validation ("
              + positives
              + " of "
              + n
              + " without the label)");
    }
    int[] fold = stratifiedFolds(y, s.folds(), s.seed());
    double[] auc = new double[s.folds()];
    for (int k = 0; k < s.folds(); k++) {
      List<Integer> train = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        (fold[i] == k ? test : train).add(i);
      }
      double[] w = train(x, y, train, s.cost());
      double[] scores = new double[test.size()];
      int[] truth = new int[test.size()];
      for (int t = 0; t < test.size(); t++) {
        scores[t] = linear(w, x[test.get(t)]);
        truth[t] = y[test.get(t)];
      }
      auc[k] = auc(scores, truth);
    }
    double mean = Arrays.stream(auc).average().orElse(Double.NaN);
    double sd =
        Math.sqrt(Arrays.stream(auc).map(a -> (a - mean) * (a - mean)).sum() / (auc.length - 1));
    List<Integer> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    double[] w = train(x, y, all, s.cost());
    List<OddsRatio> odds = new ArrayList<>();
    for (int j = 0; j < columns.length; j++) {
      odds.add(
          new OddsRatio(
              features.get(j).name(), features.get(j).description(), w[j], Math.exp(w[j])));
    }
    return new Result(
        "not " + labels.get(0).name(), n, positives, s, auc, mean, sd, List.copyOf(odds));
  }

  /** Weights per feature, then the intercept, for the outcome y = 1. */
  static double[] train(double[][] x, int[] y, List<Integer> rows, double cost) {
    int m = x[0].length;
    Problem p = new Problem();
    p.l = rows.size();
    p.n = m + 1;
    p.bias = 1;
    p.x = new Feature[rows.size()][];
    p.y = new double[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      int i = rows.get(r);
      List<Feature> nodes = new ArrayList<>();
      for (int j = 0; j < m; j++) {
        if (x[i][j] != 0) {
          nodes.add(new FeatureNode(j + 1, x[i][j]));
        }
      }
      nodes.add(new FeatureNode(m + 1, 1.0));
      p.x[r] = nodes.toArray(Feature[]::new);
      p.y[r] = y[i];
    }
    Model model = Linear.train(p, new Parameter(SolverType.L2R_LR, cost, 1e-6));
    double[] raw = model.getFeatureWeights();
    // LIBLINEAR orients a two-class model towards the first label it met
    double sign = model.getLabels()[0] == 1 ? 1 : -1;
    double[] w = new double[m + 1];
    for (int j = 0; j <= m; j++) {
      w[j] = sign * raw[j];
    }
    return w;
  }

  private static double linear(double[] w, double[] x) {
    double z = w[x.length];
    for (int j = 0; j < x.length; j++) {
      z += w[j] * x[j];
    }
    return z;
  }

  /** Each row's fold, every fold holding its share of each outcome, shuffled by the seed. */
  static int[] stratifiedFolds(int[] y, int folds, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] fold = new int[y.length];
    for (int outcome = 0; outcome <= 1; outcome++) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (y[i] == outcome) {
          idx.add(i);
        }
      }
      for (int i = idx.size() - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        Integer t = idx.get(i);
        idx.set(i, idx.get(j));
        idx.set(j, t);
      }
      for (int i = 0; i < idx.size(); i++) {
        fold[idx.get(i)] = i % folds;
      }
    }
    return fold;
  }

  /**
   * Area under the ROC curve: the probability that a random positive scores above a random
   * negative, ties counting half (the Mann-Whitney U statistic over both counts).
   */
  static double auc(double[] scores, int[] truth) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSum = 0;
    long pos = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (truth[order[k]] == 1) {
          rankSum += midRank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = scores.length - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }
}
