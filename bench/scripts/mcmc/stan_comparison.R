# Stan's side of the NUTS race (run by run_stan_comparison.sh after the Java side wrote the data).
# Usage: Rscript stan_comparison.R OUT_DIR CHAINS WARMUP DRAWS SEED RACE_WARMUP RACE_DRAWS
# Chains run one after another (cores = 1), as ours do; sampling time = sum over chains of rstan's "sample"
# elapsed time; ESS by posterior::ess_bulk / ess_tail over the sampled parameters (rank-based, so the same on the
# constrained and unconstrained scale).
suppressMessages({ library(rstan); library(posterior) })
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]; chains <- as.integer(args[2]); warmup <- as.integer(args[3]); draws <- as.integer(args[4])
seed <- as.integer(args[5])
race_warmup <- as.integer(args[6]); race_draws <- as.integer(args[7])
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
rstan_options(auto_write = FALSE)

run <- function(name, file, data_file, sampled, warmup, draws) {
  model <- stan_model(file.path(here, file))
  data <- dget(file.path(out, data_file))
  fit <- sampling(model, data = data, chains = chains, warmup = warmup, iter = warmup + draws, seed = seed,
                  cores = 1, refresh = 0, control = list(adapt_delta = 0.8, max_treedepth = 10))
  arr <- as.array(fit)  # [iteration, chain, parameter]
  keep <- dimnames(arr)[[3]][grepl(sampled, dimnames(arr)[[3]], perl = TRUE)]
  bulk <- sapply(keep, function(p) ess_bulk(arr[, , p]))
  tail <- sapply(keep, function(p) ess_tail(arr[, , p]))
  rh <- sapply(keep, function(p) rhat(arr[, , p]))
  sp <- get_sampler_params(fit, inc_warmup = FALSE)
  div <- sum(sapply(sp, function(x) sum(x[, "divergent__"])))
  leap <- mean(unlist(lapply(sp, function(x) x[, "n_leapfrog__"])))
  el <- get_elapsed_time(fit)
  sampling_s <- sum(el[, "sample"])
  warm_s <- sum(el[, "warmup"])
  # Posterior means on the unconstrained scale (log of the positive scales), to compare with ours.
  mean_unc <- sapply(keep, function(p) {
    v <- as.vector(arr[, , p])
    if (grepl("tau", p)) mean(log(v)) else mean(v)
  })
  list(row = sprintf("%s,stan,%d,%d,%d,%.4f,%.4f,%.1f,%.1f,%.4f,%d,%.2f,%.1f", name, chains, warmup, draws,
                     sampling_s, warm_s, min(bulk), min(tail), max(rh), div, leap, min(bulk) / sampling_s),
       means = data.frame(model = name, param = keep, mean = sprintf("%.6f", mean_unc)))
}

res <- list(
  run("eight_schools_noncentered", "eight_schools_noncentered.stan", "eight_schools.data.R",
      "^(mu|tau|theta_tilde)", warmup, draws),
  run("race_model", "race_model.stan", "race.data.R",
      "^(mu|tau|z|alpha_mu|alpha_tau|alpha_z|gamma|log_kappa|log_lambda)\\b", race_warmup, race_draws))
header <- "model,impl,chains,warmup,draws,sampling_s,warmup_s,min_ess_bulk,min_ess_tail,max_rhat,divergences,mean_leapfrog,min_ess_bulk_per_s"
writeLines(c(header, sapply(res, function(r) r$row)), file.path(out, "stan.csv"))
write.csv(do.call(rbind, lapply(res, function(r) r$means)), file.path(out, "stan_means.csv"), row.names = FALSE,
          quote = FALSE)
cat(readLines(file.path(out, "stan.csv")), sep = "\n")
