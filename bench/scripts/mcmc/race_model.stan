// Slipstream's hierarchical race model (slipstream.kernels.model.RaceModelDensity), Stan 2.21 syntax.
// Rows of each race are in REVERSE finishing order (DNFs first, winner last), so every Plackett-Luce suffix
// log-sum-exp comes from one cumulative_sum. Plackett-Luce among finishers only (DNFs are the logistic part), as
// Calibrate fits it (RaceTable.toModelData) and the race kernel simulates it. Two tiers: the
// first `top` places (the last rows of the finishers) at scale lambda[a], the later places at scale 1. As in
// slipstream.kernels.model.TopTierScale, mu, tau, z and log_kappa are on the top tier's scale: the likelihood's
// strengths are beta_top / lambda and its laps-led concentration exp(log_kappa) * lambda.
data {
  int<lower=1> R;
  int<lower=1> N;
  int<lower=0> top;
  int<lower=1> F;
  int<lower=0> G;
  int<lower=1, upper=4> arch[R];
  int<lower=1> start[R];
  int<lower=1> len[R];
  int<lower=0> nfin[R];
  matrix[N, F] X;
  matrix[N, G] W;
  int<lower=0, upper=1> dnf[N];
  vector[N] laps;
}
transformed data {
  int row_arch[N];
  for (r in 1:R)
    for (i in start[r]:(start[r] + len[r] - 1))
      row_arch[i] = arch[r];
}
parameters {
  vector[F] mu;
  vector<lower=0>[F] tau;
  matrix[4, F] z;
  real alpha_mu;
  real<lower=0> alpha_tau;
  vector[4] alpha_z;
  vector[G] gamma;
  vector[4] log_kappa;
  vector[4] log_lambda;
}
model {
  matrix[4, F] beta;
  vector[4] alpha = alpha_mu + alpha_tau * alpha_z;
  vector[4] lambda = exp(log_lambda);
  vector[4] kappa = exp(log_kappa) .* lambda;
  for (a in 1:4)
    beta[a] = (mu' + tau' .* z[a]) / lambda[a];
  mu ~ normal(0, 1);
  tau ~ gamma(2, 10);
  to_vector(z) ~ normal(0, 1);
  alpha_mu ~ normal(-2, 1);
  alpha_tau ~ normal(0, 0.5);
  alpha_z ~ normal(0, 1);
  gamma ~ normal(0, 1);
  log_kappa ~ normal(0, 1);
  log_lambda ~ normal(0, 1);
  dnf ~ bernoulli_logit(alpha[row_arch] + W * gamma);
  for (r in 1:R) {
    int s = start[r];
    int n = len[r];
    int e = s + n - 1;
    int nf = nfin[r];
    int t = min(top, nf);
    int a = arch[r];
    vector[n] eta = X[s:e] * beta[a]';
    if (nf > 0) {
      vector[nf] ef = eta[(n - nf + 1):n];
      real m = max(ef);
      vector[nf] suffix = cumulative_sum(exp(ef - m));
      if (nf > t)
        target += sum(ef[1:(nf - t)]) - sum(log(suffix[1:(nf - t)])) - (nf - t) * m;
      if (t > 0) {
        vector[nf] le = lambda[a] * ef;
        real lm = max(le);
        vector[nf] tier = cumulative_sum(exp(le - lm));
        target += sum(le[(nf - t + 1):nf]) - sum(log(tier[(nf - t + 1):nf])) - t * lm;
      }
    }
    if (sum(laps[s:e]) > 0) {
      vector[n] ke = kappa[a] * eta;
      target += dot_product(laps[s:e], ke) - sum(laps[s:e]) * log_sum_exp(ke);
    }
  }
}
