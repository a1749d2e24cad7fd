# Generates fixed draws and R posterior's diagnostics of them, the reference for slipstream.kernels.mcmc.Diagnostics.
# Usage (Debian r-cran-posterior): Rscript bench/scripts/mcmc/make_diagnostics_fixtures.R compute-kernels/src/test/resources/mcmc
suppressMessages(library(posterior))
out <- commandArgs(trailingOnly = TRUE)[1]
set.seed(20261124)
ar1 <- function(n, phi, mu) { x <- numeric(n); x[1] <- rnorm(1); for (t in 2:n) x[t] <- phi * x[t - 1] + rnorm(1); x + mu }
vars <- list(
  ar1_mixed   = sapply(1:4, function(c) ar1(250, 0.7, 0)),
  ar1_stuck   = sapply(1:4, function(c) ar1(250, 0.95, c * 0.4)),
  skewed_odd  = sapply(1:4, function(c) exp(ar1(101, 0.3, 0))),
  ties        = sapply(1:3, function(c) round(ar1(200, 0.5, 0))),
  iid_two     = sapply(1:2, function(c) rnorm(400))
)
draws <- do.call(rbind, lapply(names(vars), function(v) {
  m <- vars[[v]]
  data.frame(variable = v, chain = rep(seq_len(ncol(m)), each = nrow(m)), draw = rep(seq_len(nrow(m)), ncol(m)),
             value = sprintf("%.17g", as.vector(m)))
}))
write.csv(draws, file.path(out, "diagnostics_draws.csv"), row.names = FALSE, quote = FALSE)
res <- do.call(rbind, lapply(names(vars), function(v) {
  m <- vars[[v]]
  data.frame(variable = v,
             rhat = sprintf("%.17g", rhat(m)), ess_bulk = sprintf("%.17g", ess_bulk(m)),
             ess_tail = sprintf("%.17g", ess_tail(m)), ess_mean = sprintf("%.17g", ess_mean(m)),
             mcse_mean = sprintf("%.17g", mcse_mean(m)), mcse_q5 = sprintf("%.17g", mcse_quantile(m, 0.05)),
             mcse_q50 = sprintf("%.17g", mcse_quantile(m, 0.5)))
}))
write.csv(res, file.path(out, "diagnostics_posterior_1.4.0.csv"), row.names = FALSE, quote = FALSE)
cat("posterior", as.character(packageVersion("posterior")), "\n")
