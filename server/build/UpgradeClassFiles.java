import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step, run by the server's pom between shading and the class-data-sharing dump (source-file mode:
 * {@code java -cp asm.jar UpgradeClassFiles.java JAR PACKAGE/…}): rewrites the class files of the given
 * packages inside the shaded jar from Java 5's format (version 49, no StackMapTable) to Java 8's (52, with the
 * stack maps ASM computes).
 *
 * <p>Why: the JVM checks a version-49 class with the old type-inferring verifier at every run, even when the
 * class comes from the CDS archive (JDK 17 archives such classes but cannot pre-verify them, JDK-8261090).
 * picocli is compiled for Java 5 and is most of what a short run loads: verifying its 140 classes was 50 ms of
 * a 360 ms {@code tapls check} (measured with -XX:-BytecodeVerificationRemote). Class files of version 50 and
 * later carry stack maps; the split verifier checks them at dump time and the archive keeps them verified.
 * The rewrite changes no instruction: ASM reads and writes the same code, adding only the frames.
 */
public final class UpgradeClassFiles {
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: UpgradeClassFiles JAR PACKAGE_PATH...");
            System.exit(2);
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        // the frames' common supertypes are looked up in the jar as it was (loaded, not initialised)
        Path copy = Files.createTempFile("upgrade-", ".jar");
        Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        int upgraded = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {copy.toUri().toURL()}, null);
                FileSystem zip = FileSystems.newFileSystem(jar)) {
            for (int i = 1; i < args.length; i++) {
                Path dir = zip.getPath(args[i]);
                if (!Files.isDirectory(dir)) {
                    throw new IOException(args[0] + ": no " + args[i] + " in the jar");
                }
                List<Path> classes = new ArrayList<>();
                try (Stream<Path> s = Files.walk(dir)) {
                    s.filter(p -> p.toString().endsWith(".class")).forEach(classes::add);
                }
                for (Path p : classes) {
                    byte[] in = Files.readAllBytes(p);
                    ClassReader reader = new ClassReader(in);
                    if (reader.readShort(6) >= Opcodes.V1_6) {
                        continue;
                    }
                    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
                        @Override
                        protected ClassLoader getClassLoader() {
                            return loader;
                        }
                    };
                    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                        @Override
                        public void visit(int version, int access, String name, String signature, String superName,
                                String[] interfaces) {
                            super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
                        }
                    }, 0);
                    Files.write(p, writer.toByteArray());
                    upgraded++;
                }
            }
        } finally {
            Files.deleteIfExists(copy);
        }
        System.out.println("upgraded " + upgraded + " class files to version 52 in " + jar);
    }

    private UpgradeClassFiles() {
    }
}
