package dev.registrykit.core.javaapp;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Finds an application's main class: the {@code Main-Class} of a jar's manifest, or the classes
 * that declare {@code public static void main(String[])}, read from their class files (no class is
 * loaded, so nothing of the application runs in the build).
 */
public final class MainClasses {
  /** The largest class file read; bigger ones are skipped (the JVM's own limits are far below). */
  private static final long MAX_CLASS_FILE = 64L * 1024 * 1024;

  private static final int ACC_PUBLIC = 0x0001;
  private static final int ACC_STATIC = 0x0008;
  private static final String MAIN_DESCRIPTOR = "([Ljava/lang/String;)V";

  private MainClasses() {}

  /**
   * The {@code Main-Class} attribute of {@code jar}'s manifest.
   *
   * @throws IOException when the jar cannot be read
   */
  public static Optional<String> fromManifest(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      if (manifest == null) {
        return Optional.empty();
      }
      String main = manifest.getMainAttributes().getValue("Main-Class");
      return main == null || main.isBlank() ? Optional.empty() : Optional.of(main.strip());
    }
  }

  /**
   * Every class under {@code classDirectories} that declares {@code public static void
   * main(String[])}, by binary name, sorted. Missing directories and class files that cannot be
   * parsed are skipped.
   *
   * @throws IOException when a directory cannot be listed or a file read
   */
  public static List<String> find(List<Path> classDirectories) throws IOException {
    TreeSet<String> found = new TreeSet<>();
    for (Path directory : classDirectories) {
      if (!Files.isDirectory(directory)) {
        continue;
      }
      Files.walkFileTree(
          directory,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              String name = file.getFileName().toString();
              if (attrs.isRegularFile()
                  && name.endsWith(".class")
                  && !name.equals("module-info.class")
                  && !name.equals("package-info.class")
                  && attrs.size() <= MAX_CLASS_FILE) {
                mainClassName(Files.readAllBytes(file)).ifPresent(found::add);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    }
    return new ArrayList<>(found);
  }

  /**
   * The class's binary name when the class file declares {@code public static void main(String[])};
   * empty otherwise, and for bytes that are not a class file.
   */
  static Optional<String> mainClassName(byte[] classFile) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
      if (in.readInt() != 0xCAFEBABE) {
        return Optional.empty();
      }
      in.readUnsignedShort(); // minor version
      in.readUnsignedShort(); // major version
      ConstantPool pool = ConstantPool.read(in);
      in.readUnsignedShort(); // access flags
      int thisClass = in.readUnsignedShort();
      in.readUnsignedShort(); // super class
      skip(in, 2L * in.readUnsignedShort()); // interfaces
      skipMembers(in); // fields
      int methods = in.readUnsignedShort();
      boolean hasMain = false;
      for (int i = 0; i < methods; i++) {
        int access = in.readUnsignedShort();
        String name = pool.utf8(in.readUnsignedShort());
        String descriptor = pool.utf8(in.readUnsignedShort());
        skipAttributes(in);
        if ((access & (ACC_PUBLIC | ACC_STATIC)) == (ACC_PUBLIC | ACC_STATIC)
            && "main".equals(name)
            && MAIN_DESCRIPTOR.equals(descriptor)) {
          hasMain = true;
        }
      }
      if (!hasMain) {
        return Optional.empty();
      }
      String internalName = pool.className(thisClass);
      return internalName.isEmpty()
          ? Optional.empty()
          : Optional.of(internalName.replace('/', '.'));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // not a well-formed class file: not a main class
    }
  }

  private static void skipMembers(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    for (int i = 0; i < count; i++) {
      skip(in, 6); // access flags, name, descriptor
      skipAttributes(in);
    }
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    for (int i = 0; i < count; i++) {
      in.readUnsignedShort(); // name
      skip(in, in.readInt() & 0xFFFFFFFFL);
    }
  }

  private static void skip(InputStream in, long n) throws IOException {
    in.skipNBytes(n);
  }

  /**
   * The parts of a class file's constant pool this needs: UTF-8 strings and class entries (JVMS
   * section 4.4, <a
   * href="https://docs.oracle.com/javase/specs/jvms/se17/html/jvms-4.html#jvms-4.4">The Constant
   * Pool</a>).
   */
  private static final class ConstantPool {
    private final String[] utf8;
    private final int[] classNames;

    private ConstantPool(String[] utf8, int[] classNames) {
      this.utf8 = utf8;
      this.classNames = classNames;
    }

    static ConstantPool read(DataInputStream in) throws IOException {
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      int[] classNames = new int[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF(); // Utf8: the class file's modified UTF-8 is DataInput's
          case 7 -> classNames[i] = in.readUnsignedShort(); // Class
          case 8, 16, 19, 20 -> skip(in, 2); // String, MethodType, Module, Package
          case 15 -> skip(in, 3); // MethodHandle
          case 3, 4, 9, 10, 11, 12, 17, 18 ->
              skip(in, 4); // Integer, Float, refs, NameAndType, Dynamic, InvokeDynamic
          case 5, 6 -> { // Long and Double take two entries
            skip(in, 8);
            i++;
          }
          default -> throw new IOException("unknown constant pool tag " + tag);
        }
      }
      return new ConstantPool(utf8, classNames);
    }

    String utf8(int index) {
      return index > 0 && index < utf8.length && utf8[index] != null ? utf8[index] : "";
    }

    String className(int index) {
      return index > 0 && index < classNames.length ? utf8(classNames[index]) : "";
    }
  }
}
