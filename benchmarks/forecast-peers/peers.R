#!/usr/bin/env Rscript
# Runs the peers from Hyndman's forecast package (Debian r-cran-forecast) on exactly the origins and horizons
# that `forecast-eval --forecasts DIR` wrote, and writes their forecasts and 80%/95% intervals.
# usage: Rscript peers.R DIR OUT.csv [ORIGINS]   (ORIGINS: at most this many evenly spaced origins per series)
#   mstl-ets : mstl() with daily and weekly seasons (those that fit twice), ETS on the seasonally adjusted rest
#   thetaf   : the Theta method (classical multiplicative decomposition at the daily season when seasonal)
#   ets      : ets() on the series (ets() does not model seasons longer than 24 steps)
# Each history uses the same cap as Glasshouse (six weeks, at least 4000 and at most 25000 points), leading gaps
# dropped and inner gaps filled by na.interp().
suppressMessages(library(forecast))
args <- commandArgs(TRUE)
dir <- args[1]
out <- args[2]
fc <- read.csv(file.path(dir, "forecasts.csv"), stringsAsFactors = FALSE)
keys <- unique(fc[, c("series", "step_ms", "origin")])
if (length(args) >= 3) {
  most <- as.integer(args[3])
  keys <- do.call(rbind, lapply(split(keys, keys$series), function(k) {
    if (nrow(k) <= most) k else k[unique(round(seq(1, nrow(k), length.out = most))), ]
  }))
}
cache <- list()
rows <- list()
fit <- function(name, f, rowsHere, secs) {
  for (i in seq_len(nrow(rowsHere))) {
    h <- rowsHere$steps[i]
    if (is.null(f)) {
      v <- c(NA, NA, NA, NA, NA)
    } else {
      lo <- as.matrix(f$lower); hi <- as.matrix(f$upper)
      v <- c(f$mean[h], lo[h, 1], hi[h, 1], lo[h, 2], hi[h, 2])
    }
    rows[[length(rows) + 1]] <<- data.frame(series = rowsHere$series[i], origin = rowsHere$origin[i],
      steps = h, method = name, point = v[1], lo80 = v[2], hi80 = v[3], lo95 = v[4], hi95 = v[5], seconds = secs)
  }
}
timed <- function(expr) {
  t0 <- proc.time()[["elapsed"]]
  r <- tryCatch(expr, error = function(e) NULL)
  list(value = r, secs = proc.time()[["elapsed"]] - t0)
}
for (k in seq_len(nrow(keys))) {
  sid <- as.character(keys$series[k])
  if (is.null(cache[[sid]])) cache[[sid]] <- read.csv(file.path(dir, "series", paste0(sid, ".csv")))$value
  y <- cache[[sid]]
  o <- keys$origin[k]
  here <- fc[fc$series == keys$series[k] & fc$origin == o, ]
  H <- max(here$steps)
  day <- round(86400000 / keys$step_ms[k])
  week <- 7 * day
  cap <- min(25000, max(4000, 6 * week))
  hist <- y[1:(o + 1)]
  first <- which(!is.na(hist))[1]
  hist <- hist[first:length(hist)]
  if (length(hist) > cap) hist <- tail(hist, cap)
  hist <- as.numeric(na.interp(ts(hist)))
  periods <- c(day, week)[2 * c(day, week) <= length(hist)]
  x <- if (length(periods) > 0) msts(hist, seasonal.periods = periods) else ts(hist)
  m <- timed(forecast(mstl(x), method = "ets", h = H, level = c(80, 95)))
  fit("mstl-ets", m$value, here, m$secs)
  th <- timed(thetaf(ts(hist, frequency = if (2 * day <= length(hist)) day else 1), h = H, level = c(80, 95)))
  fit("thetaf", th$value, here, th$secs)
  e <- timed(forecast(ets(ts(hist)), h = H, level = c(80, 95)))
  fit("ets", e$value, here, e$secs)
  cat(sprintf("\r%d/%d origins", k, nrow(keys)), file = stderr())
}
cat("\n", file = stderr())
write.csv(do.call(rbind, rows), out, row.names = FALSE)
