package dev.registrykit.testkit.server;

import dev.registrykit.testkit.storage.BlobContent;
import java.io.IOException;
import java.nio.ByteBuffer;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/** Streams stored content to the socket segment by segment, without copying it into one buffer. */
final class ContentBody implements MockResponseBody {
  private final BlobContent content;

  ContentBody(BlobContent content) {
    this.content = content;
  }

  @Override
  public long getContentLength() {
    return content.size();
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    for (ByteBuffer segment : content.segments()) {
      while (segment.hasRemaining()) {
        sink.write(segment);
      }
    }
  }
}
