package dev.registrykit.core.manifest;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform an image runs on: operating system, CPU architecture and its variant, as in an index
 * entry's {@code platform} object or an image config.
 *
 * <p>Immutable and thread-safe. {@link #toString()} gives the {@code os/arch[/variant]} form that
 * {@link #parse(String)} reads and {@code docker --platform} accepts.
 *
 * <p>Matching ({@link #satisfies(Platform)}) follows containerd's normalisation: {@code aarch64} is
 * {@code arm64}, {@code x86_64} is {@code amd64}; {@code arm64} without a variant is {@code
 * arm64/v8}, {@code arm} without a variant is {@code arm/v7}, {@code amd64/v1} is {@code amd64}.
 *
 * @param os the operating system, e.g. {@code linux}
 * @param architecture the CPU architecture in Go's {@code GOARCH} spelling, e.g. {@code arm64}
 * @param variant the CPU variant, e.g. {@code v8}
 * @param osVersion the OS version, e.g. {@code 10.0.14393.1066} (Windows)
 * @param osFeatures required OS features, e.g. {@code win32k}
 * @param unknownFields members of the {@code platform} object not modelled here (e.g. Docker's
 *     {@code features}), kept for re-encoding
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">image-spec
 *     image-index.md, platform</a>
 */
public record Platform(
    String os,
    String architecture,
    Optional<String> variant,
    Optional<String> osVersion,
    List<String> osFeatures,
    UnknownFields unknownFields) {

  /** {@code linux/amd64}. */
  public static final Platform LINUX_AMD64 = of("linux", "amd64");

  /** {@code linux/arm64} (variant v8 implied). */
  public static final Platform LINUX_ARM64 = of("linux", "arm64");

  /** Validates and copies the components. */
  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(osVersion, "osVersion");
    osFeatures = List.copyOf(osFeatures);
    Objects.requireNonNull(unknownFields, "unknownFields");
  }

  /** A platform with an operating system and architecture only. */
  public static Platform of(String os, String architecture) {
    return new Platform(
        os, architecture, Optional.empty(), Optional.empty(), List.of(), UnknownFields.EMPTY);
  }

  /** A platform with an operating system, architecture and variant. */
  public static Platform of(String os, String architecture, String variant) {
    return new Platform(
        os, architecture, Optional.of(variant), Optional.empty(), List.of(), UnknownFields.EMPTY);
  }

  /**
   * Parses {@code os/arch} or {@code os/arch/variant}, e.g. {@code linux/arm64/v8}.
   *
   * @throws IllegalArgumentException when the form is not two or three non-empty parts
   */
  public static Platform parse(String s) {
    Objects.requireNonNull(s, "platform");
    String[] parts = s.split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException(
          "platform must be os/arch or os/arch/variant: \"" + s + "\"");
    }
    for (String part : parts) {
      if (part.isEmpty() || !part.strip().equals(part)) {
        throw new IllegalArgumentException("platform has an empty or padded part: \"" + s + "\"");
      }
    }
    String os = parts[0].toLowerCase(Locale.ROOT);
    String arch = parts[1].toLowerCase(Locale.ROOT);
    return parts.length == 3 ? of(os, arch, parts[2].toLowerCase(Locale.ROOT)) : of(os, arch);
  }

  /** A copy with {@code variant}. */
  public Platform withVariant(String variant) {
    return new Platform(
        os, architecture, Optional.of(variant), osVersion, osFeatures, unknownFields);
  }

  /** A copy with {@code osVersion}. */
  public Platform withOsVersion(String osVersion) {
    return new Platform(
        os, architecture, variant, Optional.of(osVersion), osFeatures, unknownFields);
  }

  /** A copy with {@code osFeatures}. */
  public Platform withOsFeatures(List<String> osFeatures) {
    return new Platform(os, architecture, variant, osVersion, osFeatures, unknownFields);
  }

  /**
   * Whether an image for this platform can serve a request for {@code wanted}: same OS and
   * (normalised) architecture; the variant must match when {@code wanted} names one (after the
   * defaults above); the OS version must match when {@code wanted} names one; and every OS feature
   * {@code wanted} lists must be present here.
   */
  public boolean satisfies(Platform wanted) {
    if (!os.equalsIgnoreCase(wanted.os)) {
      return false;
    }
    String arch = normalizeArchitecture(architecture);
    if (!arch.equals(normalizeArchitecture(wanted.architecture))) {
      return false;
    }
    if (wanted.variant.isPresent()
        && !normalizeVariant(arch, variant.orElse(""))
            .equals(normalizeVariant(arch, wanted.variant.get()))) {
      return false;
    }
    if (wanted.osVersion.isPresent() && !wanted.osVersion.equals(osVersion)) {
      return false;
    }
    return osFeatures.containsAll(wanted.osFeatures);
  }

  /**
   * Whether this and {@code other} denote the same platform after normalisation (architecture
   * aliases and default variants), ignoring OS version and features.
   */
  public boolean sameAs(Platform other) {
    String arch = normalizeArchitecture(architecture);
    return os.equalsIgnoreCase(other.os)
        && arch.equals(normalizeArchitecture(other.architecture))
        && normalizeVariant(arch, variant.orElse(""))
            .equals(normalizeVariant(arch, other.variant.orElse("")));
  }

  /** {@code os/arch} or {@code os/arch/variant}. */
  @Override
  public String toString() {
    return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
  }

  private static String normalizeArchitecture(String arch) {
    switch (arch.toLowerCase(Locale.ROOT)) {
      case "aarch64":
        return "arm64";
      case "x86_64":
      case "x86-64":
        return "amd64";
      case "i386":
        return "386";
      default:
        return arch.toLowerCase(Locale.ROOT);
    }
  }

  // containerd platforms.Normalize: arm64 "v8"/"8"/"" are one variant; arm "" means v7; amd64 "v1"
  // is "".
  private static String normalizeVariant(String normalizedArch, String variant) {
    String v = variant.toLowerCase(Locale.ROOT);
    if (!v.isEmpty() && Character.isDigit(v.charAt(0))) {
      v = "v" + v;
    }
    switch (normalizedArch) {
      case "arm64":
        return v.isEmpty() ? "v8" : v;
      case "arm":
        return v.isEmpty() ? "v7" : v;
      case "amd64":
        return v.equals("v1") ? "" : v;
      default:
        return v;
    }
  }
}
