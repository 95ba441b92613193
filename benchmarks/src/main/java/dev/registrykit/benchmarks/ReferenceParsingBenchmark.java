package dev.registrykit.benchmarks;

import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import dev.registrykit.core.reference.ImageReference;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reference parsing throughput, RegistryKit's {@link ImageReference#parse(String)} side by side
 * with Jib's {@code com.google.cloud.tools.jib.api.ImageReference.parse}, on the same mixed list of
 * realistic references. One operation parses the whole list once.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ReferenceParsing -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReferenceParsingBenchmark {
  /**
   * Familiar and full names, tags, digests, ports, IPv4, IPv6, deep paths: what build files hold.
   */
  static final List<String> REFERENCES =
      List.of(
          "alpine",
          "alpine:3.19",
          "ubuntu:22.04",
          "nginx:1.25-alpine",
          "zavy86/figlet",
          "library/redis:7",
          "docker.io/library/postgres:16.2",
          "index.docker.io/library/busybox:latest",
          "localhost:5000/figlet",
          "localhost/my-app:dev",
          "127.0.0.1:5000/team/service:1.0.0",
          "registry.tld:1234/repository/image",
          "gcr.io/distroless/java17-debian12:nonroot",
          "ghcr.io/owner/project/sub-image:v2.3.4-rc.1",
          "quay.io/prometheus/node-exporter:v1.7.0",
          "mcr.microsoft.com/dotnet/aspnet:8.0",
          "public.ecr.aws/docker/library/python:3.12-slim",
          "123456789012.dkr.ecr.eu-west-1.amazonaws.com/my_repo/app:build-4711",
          "europe-docker.pkg.dev/my-project/images/web-frontend:2024.05.01",
          "harbor.example.com:8443/platform/base/jdk17:17.0.10_7",
          "registry.gitlab.com/group/subgroup/project/image:main",
          "eclipse-temurin:17-jre@sha256:4c1d1e1a4b9b8a1f2f3a1e8f2c9e6e5c7a9b2d4f6e8a0c1d3e5f7a9b1c3d5e7f",
          "docker.io/library/golang@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa",
          "ghcr.io/owner/app@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c",
          "my.registry:5000/a/b/c/d/e:tag",
          "bitnami/kafka:3.6.1-debian-12-r0",
          "grafana/grafana-oss:10.4.2",
          "k8s.gcr.io/pause:3.9",
          "registry.k8s.io/kube-apiserver:v1.30.0",
          "example.com/very-long_repository.name--with__separators/and-more:1.2.3");

  @Setup
  public void checkBothParsersAcceptTheList() throws InvalidImageReferenceException {
    // A benchmark of parsers that reject some inputs would compare exception paths, not parsing.
    for (String reference : REFERENCES) {
      ImageReference.parse(reference);
      com.google.cloud.tools.jib.api.ImageReference.parse(reference);
    }
  }

  /**
   * RegistryKit: Docker normalization with full validation (path length, tag, digest algorithm and
   * hex).
   */
  @Benchmark
  public void registrykit(Blackhole blackhole) {
    for (String reference : REFERENCES) {
      blackhole.consume(ImageReference.parse(reference));
    }
  }

  /** Jib: one regex over the whole reference, then Docker Hub normalization. */
  @Benchmark
  public void jib(Blackhole blackhole) throws InvalidImageReferenceException {
    for (String reference : REFERENCES) {
      blackhole.consume(com.google.cloud.tools.jib.api.ImageReference.parse(reference));
    }
  }

  /*
   * The same two parsers run concurrently, one thread each, in one JMH group: on a machine whose
   * load changes from second to second, both then see the same contention at the same time, which
   * makes their ratio far more stable than that of the sequential runs above.
   */

  /** RegistryKit, concurrently with {@link #jibConcurrent}. */
  @Benchmark
  @Group("sideBySide")
  @GroupThreads(1)
  public void registrykitConcurrent(Blackhole blackhole) {
    registrykit(blackhole);
  }

  /** Jib, concurrently with {@link #registrykitConcurrent}. */
  @Benchmark
  @Group("sideBySide")
  @GroupThreads(1)
  public void jibConcurrent(Blackhole blackhole) throws InvalidImageReferenceException {
    jib(blackhole);
  }
}
