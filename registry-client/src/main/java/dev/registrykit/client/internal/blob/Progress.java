package dev.registrykit.client.internal.blob;

/** Receives how many bytes of one blob have travelled so far, counted from the blob's start. */
@FunctionalInterface
public interface Progress {
  /** Ignores every count. */
  Progress NONE = bytesSoFar -> {};

  void bytesSoFar(long bytes);
}
