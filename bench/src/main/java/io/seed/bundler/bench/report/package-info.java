/**
 * The validation-cost report that {@code bench/report.sh} writes after a run: it reads the JMH
 * results, the libsecp256k1 reference measured in the same run and, when there is one, the load
 * benchmark's newest result, and writes a Markdown summary with an SVG chart.
 */
package io.seed.bundler.bench.report;
