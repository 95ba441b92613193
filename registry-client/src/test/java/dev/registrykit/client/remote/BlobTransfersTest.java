package dev.registrykit.client.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded pool behind pushes, pulls and copies: results in order, and the first failure first.
 */
@Timeout(60)
class BlobTransfersTest {

  @Test
  void parallel_allSucceed_resultsInSubmissionOrder() throws Exception {
    CountDownLatch firstMayFinish = new CountDownLatch(1);
    List<Callable<String>> tasks =
        List.of(
            () -> {
              firstMayFinish.await();
              return "first";
            },
            () -> {
              firstMayFinish.countDown();
              return "second";
            },
            () -> "third");

    assertThat(BlobTransfers.parallel(tasks, 3, "test"))
        .containsExactly("first", "second", "third");
  }

  @Test
  void parallel_laterTaskFails_failsWithoutWaitingForAnEarlierOne_andCancelsIt() throws Exception {
    // Latches, not timing: the later task fails only once the earlier one is running (a task
    // cancelled before it starts is never interrupted), and the interruption is awaited, since
    // parallel() may return before the cancelled task has reached its catch block.
    CountDownLatch earlierRunning = new CountDownLatch(1);
    CountDownLatch earlierInterrupted = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    List<Callable<String>> tasks =
        List.of(
            () -> {
              // A large blob still moving: only a cancellation ends it before the test's timeout.
              earlierRunning.countDown();
              try {
                never.await(50, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                earlierInterrupted.countDown();
                throw e;
              }
              return "large";
            },
            () -> {
              earlierRunning.await();
              throw new IOException("blob 2 refused");
            });

    assertThatThrownBy(() -> BlobTransfers.parallel(tasks, 2, "test"))
        .isInstanceOf(IOException.class)
        .hasMessage("blob 2 refused");
    assertThat(earlierInterrupted.await(30, TimeUnit.SECONDS))
        .as("the earlier task was interrupted")
        .isTrue();
  }
}
