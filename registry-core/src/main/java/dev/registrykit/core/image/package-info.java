/**
 * The composable image model, after go-containerregistry's {@code v1.Image}, {@code Layer} and
 * {@code ImageIndex}: small interfaces ({@link dev.registrykit.core.image.Image}, {@link
 * dev.registrykit.core.image.Layer}, {@link dev.registrykit.core.image.ImageIndex}) whose
 * implementations provide a minimal core and get everything else from default methods, so that
 * registry-backed, file-backed and in-memory images are interchangeable.
 *
 * <p>Also here: the image ID ({@link dev.registrykit.core.image.ImageId}, the config digest that
 * {@code docker image ls} shows), the tag → manifest digest → image ID chain ({@link
 * dev.registrykit.core.image.ResolvedTag}, including multi-platform tags), in-memory factories
 * ({@link dev.registrykit.core.image.Images}, {@link dev.registrykit.core.image.Layers}), a
 * consistency checker ({@link dev.registrykit.core.image.ImageValidator}) and a local tag store
 * ({@link dev.registrykit.core.image.TagStore}).
 *
 * <p>Methods that may touch content throw {@link java.io.IOException}: implementations may be lazy.
 */
@NullMarked
package dev.registrykit.core.image;

import org.jspecify.annotations.NullMarked;
