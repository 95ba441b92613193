package dev.registrykit.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the tutorial's images in a fresh temporary directory and prints their digests, one per
 * line; run in a second JVM by {@link TutorialImagesTest} to show the build is reproducible.
 */
public final class PrintTutorialDigests {
  private PrintTutorialDigests() {}

  /** Prints base and figlet manifest digests, image IDs and layer digests. */
  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("tutorial-digests");
    try {
      TutorialImages images = TutorialImages.build(work);
      System.out.println("base manifest " + images.base().digest());
      System.out.println("base id " + images.base().id());
      System.out.println("figlet manifest " + images.figlet().digest());
      System.out.println("figlet id " + images.figlet().id());
      System.out.println(
          "base layer " + images.baseLayer().digest() + " " + images.baseLayer().diffId());
      System.out.println(
          "figlet layer " + images.figletLayer().digest() + " " + images.figletLayer().diffId());
    } finally {
      TutorialImages.deleteTree(work);
    }
  }
}
