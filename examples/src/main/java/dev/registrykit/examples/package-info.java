/**
 * Small programs on RegistryKit's public API, each a {@code main} method run by {@code
 * ExamplesTest} so that none of them can rot: normalizing names, inspecting a remote image, copying
 * between registries, building an image from a build's output and pushing it.
 *
 * <p>They print what they do; read them top to bottom as usage documentation.
 */
@NullMarked
package dev.registrykit.examples;

import org.jspecify.annotations.NullMarked;
