/**
 * Building images without a Docker daemon: reproducible layers from files and directories ({@link
 * dev.registrykit.core.build.LayerBuilder}) and pure image composition.
 *
 * <p>Reproducible means that the same file names, contents and executable bits always give the same
 * layer bytes, hence the same digests, whatever the source files' timestamps, owners or the order
 * in which the file system lists them: entries are sorted, times and owners are fixed, and modes
 * follow rules rather than the disk. Layers are streamed from disk to their destination and never
 * held in memory; both digests (the compressed blob digest and the uncompressed diff ID) are
 * computed in the same pass that writes them.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md">image-spec
 *     layer.md</a>
 */
@org.jspecify.annotations.NullMarked
package dev.registrykit.core.build;
