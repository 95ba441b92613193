/**
 * Whole-process comparisons with real peers: {@code skopeo}, {@code curl}, the CNCF Distribution
 * registry, the testkit's standalone fake, and RegistryKit's own command line, timed side by side
 * in one run on loopback.
 *
 * <p>Pieces, meant to be extended by adding a {@link dev.registrykit.benchmarks.process.Contender}
 * or a {@link dev.registrykit.benchmarks.process.Target}:
 *
 * <ul>
 *   <li>{@link dev.registrykit.benchmarks.process.ImageGenerator} writes the test images as OCI
 *       layouts (seeded, incompressible, cached between runs);
 *   <li>a {@link dev.registrykit.benchmarks.process.Target} is a registry started fresh for every
 *       timed run (so nothing is ever already there to be skipped or mounted);
 *   <li>a {@link dev.registrykit.benchmarks.process.Contender} turns (direction, image, target)
 *       into an {@link dev.registrykit.benchmarks.process.Action}: a command line or in-process
 *       Java code;
 *   <li>{@link dev.registrykit.benchmarks.process.ProcessMeter} times a command and reads its peak
 *       RSS ({@code /usr/bin/time -v} when installed, else polling {@code /proc});
 *   <li>{@link dev.registrykit.benchmarks.process.PeerComparison} is the {@code main}: it runs the
 *       matrix and prints a Markdown table of medians and ratios.
 * </ul>
 *
 * <p>Not a test: nothing here asserts a time. See {@code benchmarks/docs/peers.md} for figures.
 */
@NullMarked
package dev.registrykit.benchmarks.process;

import org.jspecify.annotations.NullMarked;
