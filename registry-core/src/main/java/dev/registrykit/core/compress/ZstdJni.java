package dev.registrykit.core.compress;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import com.github.luben.zstd.util.Native;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The only class that names zstd-jni's types. It is linked only after {@link Zstd} has checked that
 * they exist, so without the jar nothing here is ever loaded.
 */
final class ZstdJni {
  private ZstdJni() {}

  static void loadNative() {
    Native.load();
  }

  static InputStream decompress(InputStream compressed) throws IOException {
    // The NoFinalizer variants free native memory on close, not on garbage collection; pooled
    // buffers
    // spare a 128 KiB allocation per stream.
    return new ZstdInputStreamNoFinalizer(compressed, RecyclingBufferPool.INSTANCE);
  }

  static OutputStream compress(OutputStream out, int level) throws IOException {
    // One worker, as the zstd command line's default -T1: compression runs on libzstd's own thread,
    // overlapping with the caller producing (and hashing) the tar. The frames are those `zstd
    // -LEVEL`
    // writes, deterministic whatever the machine.
    return new ZstdOutputStreamNoFinalizer(out, RecyclingBufferPool.INSTANCE, level)
        .setChecksum(true)
        .setWorkers(1);
  }
}
