// Slipstream's hierarchical race model (slipstream.kernels.model.RaceModelDensity), Stan 2.21 syntax.
// Rows of each race are in REVERSE finishing order (DNFs first, winner last), so every Plackett-Luce suffix
// log-sum-exp comes from one cumulative_sum. DNFs stay in the denominators (ties at the back).
data {
  int<lower=1> R;
  int<lower=1> N;
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
}
model {
  matrix[4, F] beta;
  vector[4] alpha = alpha_mu + alpha_tau * alpha_z;
  vector[4] kappa = exp(log_kappa);
  for (a in 1:4)
    beta[a] = mu' + tau' .* z[a];
  mu ~ normal(0, 1);
  tau ~ gamma(2, 10);
  to_vector(z) ~ normal(0, 1);
  alpha_mu ~ normal(-2, 1);
  alpha_tau ~ normal(0, 0.5);
  alpha_z ~ normal(0, 1);
  gamma ~ normal(0, 1);
  log_kappa ~ normal(0, 1);
  dnf ~ bernoulli_logit(alpha[row_arch] + W * gamma);
  for (r in 1:R) {
    int s = start[r];
    int n = len[r];
    int e = s + n - 1;
    int nf = nfin[r];
    int a = arch[r];
    vector[n] eta = X[s:e] * beta[a]';
    real m = max(eta);
    vector[n] suffix = cumulative_sum(exp(eta - m));
    if (nf > 0)
      target += sum(eta[(n - nf + 1):n]) - sum(log(suffix[(n - nf + 1):n])) - nf * m;
    if (sum(laps[s:e]) > 0) {
      vector[n] ke = kappa[a] * eta;
      target += dot_product(laps[s:e], ke) - sum(laps[s:e]) * log_sum_exp(ke);
    }
  }
}
