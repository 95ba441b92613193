package dev.registrykit.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of the tutorial's two images, written to directories the layer builder turns into
 * layers: a tiny {@code alpine}-like base (os-release, a shell stub, busybox-style links as
 * scripts) and a {@code figlet}-like layer (a script and a text font). Fixed content, so the layers
 * and every digest after them are the same on every machine and every run.
 */
final class TutorialFiles {
  private TutorialFiles() {}

  /** Path inside the image (no leading slash) → content, for the base layer. */
  static Map<String, String> base() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "etc/os-release",
        """
        NAME="Alpine-like Linux (RegistryKit tutorial)"
        ID=alpine
        VERSION_ID=3.19.0
        PRETTY_NAME="Alpine-like Linux v3.19 (built by RegistryKit, not a real distribution)"
        HOME_URL="https://alpinelinux.org/"
        """);
    files.put("etc/alpine-release", "3.19.0\n");
    files.put("etc/hostname", "localhost\n");
    files.put(
        "etc/passwd",
        "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n");
    files.put("etc/group", "root:x:0:root\nnobody:x:65534:\n");
    files.put(
        "bin/sh",
        """
        #!/bin/sh
        # A stand-in for busybox sh: this tutorial image is never run, only pushed and pulled.
        echo "sh: this is the RegistryKit tutorial's alpine-like base image" >&2
        exit 127
        """);
    files.put("bin/busybox", "#!/bin/sh\nexec /bin/sh \"$@\"\n");
    files.put("root/.keep", "");
    files.put("tmp/.keep", "");
    return files;
  }

  /** Path inside the image → content, for the figlet layer on top of the base. */
  static Map<String, String> figlet() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "usr/bin/figlet",
        """
        #!/bin/sh
        # figlet, tutorial edition: prints its arguments in the banner font below, letter by letter.
        font=/usr/share/figlet/tutorial.flf
        text="$*"
        for row in 1 2 3 4 5; do
          line=""
          i=1
          while [ $i -le ${#text} ]; do
            c=$(printf '%s' "$text" | cut -c $i | tr '[:lower:]' '[:upper:]')
            glyph=$(grep "^$c$row " "$font" | cut -d' ' -f2-)
            line="$line${glyph:-     } "
            i=$((i + 1))
          done
          printf '%s\\n' "$line"
        done
        """);
    files.put("usr/share/figlet/tutorial.flf", font());
    return files;
  }

  // A five-row block font for the letters of "hello world" and "figlet": LETTER ROW then the row.
  private static String font() {
    String[][] glyphs = {
      {"H", "#   #", "#   #", "#####", "#   #", "#   #"},
      {"E", "#####", "#    ", "#### ", "#    ", "#####"},
      {"L", "#    ", "#    ", "#    ", "#    ", "#####"},
      {"O", " ### ", "#   #", "#   #", "#   #", " ### "},
      {"W", "#   #", "#   #", "# # #", "## ##", "#   #"},
      {"R", "#### ", "#   #", "#### ", "#  # ", "#   #"},
      {"D", "#### ", "#   #", "#   #", "#   #", "#### "},
      {"F", "#####", "#    ", "#### ", "#    ", "#    "},
      {"I", "#####", "  #  ", "  #  ", "  #  ", "#####"},
      {"G", " ####", "#    ", "#  ##", "#   #", " ####"},
      {"T", "#####", "  #  ", "  #  ", "  #  ", "  #  "},
    };
    StringBuilder b = new StringBuilder("# tutorial.flf: LETTER ROW GLYPH\n");
    for (String[] g : glyphs) {
      for (int row = 1; row <= 5; row++) {
        b.append(g[0]).append(row).append(' ').append(g[row]).append('\n');
      }
    }
    return b.toString();
  }

  /**
   * Writes {@code files} under {@code dir}; scripts under {@code bin/} directories get mode 755,
   * everything else 644 (the layer builder is told the modes too, so the umask does not matter).
   */
  static void write(Path dir, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path file = dir.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
      if (isExecutable(e.getKey())) {
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException notPosix) {
          // the layer builder applies the mode from isExecutable() anyway
        }
      }
    }
  }

  static boolean isExecutable(String path) {
    return path.startsWith("bin/") || path.contains("/bin/");
  }
}
