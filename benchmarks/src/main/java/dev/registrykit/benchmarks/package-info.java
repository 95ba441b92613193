/**
 * JMH micro-benchmarks of registry-core: reference parsing side by side with Jib, and streaming
 * digests against raw {@link java.security.MessageDigest}. Results and the exact commands are in
 * {@code benchmarks/docs/core.md}.
 */
package dev.registrykit.benchmarks;
