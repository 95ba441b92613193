package dev.registrykit.testkit.internal.server;

import dev.registrykit.testkit.internal.storage.BlobContent;
import java.io.IOException;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * Streams stored content to the socket by handing okio the stored segments themselves: the bytes go
 * from the stored arrays to the socket with no copy ({@link BlobContent#writeTo(BufferedSink)}).
 */
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
    content.writeTo(sink);
  }
}
