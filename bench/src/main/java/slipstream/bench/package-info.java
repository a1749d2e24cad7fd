/** JMH benchmarks: each kernel area has its own sub-package; results are recorded in bench/RESULTS.md. */
package slipstream.bench;
